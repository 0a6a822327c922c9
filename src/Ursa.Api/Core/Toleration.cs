using System.Text.Json.Serialization;

namespace Ursa.Api.Core;

/// <summary>Lets a pod run on a node with a matching taint.</summary>
public sealed class Toleration
{
    /// <summary>Taint key; empty with Exists matches every key.</summary>
    [JsonPropertyName("key")]
    public string? Key { get; set; }

    /// <summary>Exists or Equal. Default Equal.</summary>
    [JsonPropertyName("operator")]
    public string? Operator { get; set; }

    /// <summary>Taint value to match with Equal.</summary>
    [JsonPropertyName("value")]
    public string? Value { get; set; }

    /// <summary>NoSchedule, PreferNoSchedule or NoExecute; empty matches all.</summary>
    [JsonPropertyName("effect")]
    public string? Effect { get; set; }

    /// <summary>For NoExecute, how long the pod stays bound after the taint appears.</summary>
    [JsonPropertyName("tolerationSeconds")]
    public long? TolerationSeconds { get; set; }
}
