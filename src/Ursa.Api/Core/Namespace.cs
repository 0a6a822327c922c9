using System.Text.Json.Serialization;

namespace Ursa.Api.Core;

/// <summary>A scope for names within a tenant.</summary>
public sealed class Namespace : KubeObject
{
    /// <summary>Desired state.</summary>
    [JsonPropertyName("spec")]
    public NamespaceSpec? Spec { get; set; }

    /// <summary>Observed state.</summary>
    [JsonPropertyName("status")]
    public NamespaceStatus? Status { get; set; }
}
