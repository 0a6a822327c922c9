using System.Text.Json.Serialization;

namespace Ursa.Api.Core;

/// <summary>Compute resources: requests (guaranteed) and limits (maximum). Values are quantities such as 500m or 256Mi.</summary>
public sealed class ResourceRequirements
{
    /// <summary>Maximum resources.</summary>
    [JsonPropertyName("limits")]
    public Dictionary<string, string>? Limits { get; set; }

    /// <summary>Resources reserved for scheduling.</summary>
    [JsonPropertyName("requests")]
    public Dictionary<string, string>? Requests { get; set; }
}
