using System.Text.Json.Serialization;

namespace Ursa.Api.Tenancy;

/// <summary>Observed state of a tenant.</summary>
public sealed class TenantStatus
{
    /// <summary>Active or Terminating.</summary>
    [JsonPropertyName("phase")]
    public string? Phase { get; set; }
}
