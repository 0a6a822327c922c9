using System.Text.Json.Serialization;

namespace Ursa.Api.Core;

/// <summary>Desired state of a namespace.</summary>
public sealed class NamespaceSpec
{
    /// <summary>Finalizers that must clear before the namespace is removed.</summary>
    [JsonPropertyName("finalizers")]
    public List<string>? Finalizers { get; set; }
}
