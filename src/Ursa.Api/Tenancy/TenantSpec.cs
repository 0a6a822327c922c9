using System.Text.Json.Serialization;

namespace Ursa.Api.Tenancy;

/// <summary>Desired state of a tenant.</summary>
public sealed class TenantSpec
{
    /// <summary>Storage cluster that holds the tenant's objects (scale-out).</summary>
    [JsonPropertyName("storageClusterId")]
    public string? StorageClusterId { get; set; }

    /// <summary>Finalizers that must clear before the tenant is removed.</summary>
    [JsonPropertyName("finalizers")]
    public List<string>? Finalizers { get; set; }
}
