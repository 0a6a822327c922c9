using System.Text.Json.Serialization;
using Ursa.Api.Schema;

namespace Ursa.Api.Core;

/// <summary>Observed state of a node.</summary>
public sealed class NodeStatus
{
    /// <summary>Total resources of the node.</summary>
    [JsonPropertyName("capacity")]
    public Dictionary<string, string>? Capacity { get; set; }

    /// <summary>Resources available to pods.</summary>
    [JsonPropertyName("allocatable")]
    public Dictionary<string, string>? Allocatable { get; set; }

    /// <summary>Deprecated.</summary>
    [JsonPropertyName("phase")]
    public string? Phase { get; set; }

    /// <summary>Ready, ContainerRuntimeReady, VmRuntimeReady, MemoryPressure, ...</summary>
    [PatchMergeKey("type")]
    [PatchStrategy("merge")]
    [JsonPropertyName("conditions")]
    public List<NodeCondition>? Conditions { get; set; }

    /// <summary>Addresses of the node.</summary>
    [PatchMergeKey("type")]
    [PatchStrategy("merge")]
    [JsonPropertyName("addresses")]
    public List<NodeAddress>? Addresses { get; set; }

    /// <summary>Endpoints of daemons on the node.</summary>
    [JsonPropertyName("daemonEndpoints")]
    public NodeDaemonEndpoints? DaemonEndpoints { get; set; }

    /// <summary>Identity and versions of the node.</summary>
    [JsonPropertyName("nodeInfo")]
    public NodeSystemInfo? NodeInfo { get; set; }

    /// <summary>Runtime services of the node, by workload type.</summary>
    [PatchMergeKey("name")]
    [PatchStrategy("merge")]
    [JsonPropertyName("runtimes")]
    public List<NodeRuntime>? Runtimes { get; set; }
}
