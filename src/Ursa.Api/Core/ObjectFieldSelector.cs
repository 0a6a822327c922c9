using System.Text.Json.Serialization;
using Ursa.Api.Schema;

namespace Ursa.Api.Core;

/// <summary>Selects a field of the pod.</summary>
public sealed class ObjectFieldSelector
{
    /// <summary>Schema version of fieldPath.</summary>
    [JsonPropertyName("apiVersion")]
    public string? ApiVersion { get; set; }

    /// <summary>Path of the field.</summary>
    [Required]
    [JsonPropertyName("fieldPath")]
    public string? FieldPath { get; set; }
}
