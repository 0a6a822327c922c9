using System.Text.Json.Serialization;

namespace Ursa.Api.Tenancy;

/// <summary>A tenant: an isolated set of namespaces and their objects, with its own identity.</summary>
public sealed class Tenant : KubeObject
{
    /// <summary>Desired state.</summary>
    [JsonPropertyName("spec")]
    public TenantSpec? Spec { get; set; }

    /// <summary>Observed state.</summary>
    [JsonPropertyName("status")]
    public TenantStatus? Status { get; set; }
}
