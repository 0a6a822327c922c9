using System.Text.Json.Serialization;

namespace Ursa.Api.Apps;

/// <summary>Keeps a number of identical pods (container or VM) running.</summary>
public sealed class ReplicaSet : KubeObject
{
    /// <summary>Desired state.</summary>
    [JsonPropertyName("spec")]
    public ReplicaSetSpec? Spec { get; set; }

    /// <summary>Observed state.</summary>
    [JsonPropertyName("status")]
    public ReplicaSetStatus? Status { get; set; }
}
