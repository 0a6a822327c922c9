using System.Text.Json.Serialization;

namespace Ursa.Api.Apps;

/// <summary>Rolling update parameters.</summary>
public sealed class RollingUpdateDeployment
{
    /// <summary>Pods that may be unavailable during the update. Default 25%.</summary>
    [JsonPropertyName("maxUnavailable")]
    public IntOrString? MaxUnavailable { get; set; }

    /// <summary>Pods that may exist above the desired count. Default 25%.</summary>
    [JsonPropertyName("maxSurge")]
    public IntOrString? MaxSurge { get; set; }
}
