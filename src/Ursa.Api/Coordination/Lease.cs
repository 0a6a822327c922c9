using System.Text.Json.Serialization;

namespace Ursa.Api.Coordination;

/// <summary>A lease: heartbeats and leader election.</summary>
public sealed class Lease : KubeObject
{
    /// <summary>The lease.</summary>
    [JsonPropertyName("spec")]
    public LeaseSpec? Spec { get; set; }
}
