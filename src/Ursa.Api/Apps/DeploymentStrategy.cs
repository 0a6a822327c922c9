using System.Text.Json.Serialization;

namespace Ursa.Api.Apps;

/// <summary>A deployment strategy.</summary>
public sealed class DeploymentStrategy
{
    /// <summary>RollingUpdate or Recreate. Default RollingUpdate.</summary>
    [JsonPropertyName("type")]
    public string? Type { get; set; }

    /// <summary>Rolling update parameters.</summary>
    [JsonPropertyName("rollingUpdate")]
    public RollingUpdateDeployment? RollingUpdate { get; set; }
}
