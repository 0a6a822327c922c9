using System.Text.Json.Serialization;

namespace Ursa.Api.Core;

/// <summary>A machine that runs pods: containers and VMs.</summary>
public sealed class Node : KubeObject
{
    /// <summary>Desired state of the node.</summary>
    [JsonPropertyName("spec")]
    public NodeSpec? Spec { get; set; }

    /// <summary>Observed state, written by the node agent.</summary>
    [JsonPropertyName("status")]
    public NodeStatus? Status { get; set; }
}
