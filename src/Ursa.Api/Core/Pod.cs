using System.Text.Json.Serialization;

namespace Ursa.Api.Core;

/// <summary>A pod: one or more containers, or exactly one virtual machine, scheduled together onto a node.</summary>
public sealed class Pod : KubeObject
{
    /// <summary>Desired state of the pod.</summary>
    [JsonPropertyName("spec")]
    public PodSpec? Spec { get; set; }

    /// <summary>Observed state of the pod, written by the scheduler and the node agent.</summary>
    [JsonPropertyName("status")]
    public PodStatus? Status { get; set; }
}
