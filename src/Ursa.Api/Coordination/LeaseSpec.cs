using System.Text.Json.Serialization;

namespace Ursa.Api.Coordination;

/// <summary>State of a lease.</summary>
public sealed class LeaseSpec
{
    /// <summary>Current holder.</summary>
    [JsonPropertyName("holderIdentity")]
    public string? HolderIdentity { get; set; }

    /// <summary>Seconds a holder waits before taking over.</summary>
    [JsonPropertyName("leaseDurationSeconds")]
    public int? LeaseDurationSeconds { get; set; }

    /// <summary>When the current holder acquired it.</summary>
    [JsonConverter(typeof(MicroTimeConverter))]
    [JsonPropertyName("acquireTime")]
    public DateTimeOffset? AcquireTime { get; set; }

    /// <summary>When the holder last renewed it.</summary>
    [JsonConverter(typeof(MicroTimeConverter))]
    [JsonPropertyName("renewTime")]
    public DateTimeOffset? RenewTime { get; set; }

    /// <summary>Number of holder changes.</summary>
    [JsonPropertyName("leaseTransitions")]
    public int? LeaseTransitions { get; set; }
}
