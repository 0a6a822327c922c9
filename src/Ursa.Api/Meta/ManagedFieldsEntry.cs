using System.Text.Json;
using System.Text.Json.Serialization;

namespace Ursa.Api.Meta;

/// <summary>One field manager's ownership record.</summary>
public sealed class ManagedFieldsEntry
{
    /// <summary>Name of the manager.</summary>
    [JsonPropertyName("manager")]
    public string? Manager { get; set; }

    /// <summary>Apply or Update.</summary>
    [JsonPropertyName("operation")]
    public string? Operation { get; set; }

    /// <summary>API version of the fields.</summary>
    [JsonPropertyName("apiVersion")]
    public string? ApiVersion { get; set; }

    /// <summary>When the entry was last changed.</summary>
    [JsonPropertyName("time")]
    public DateTimeOffset? Time { get; set; }

    /// <summary>Format of fieldsV1; always FieldsV1.</summary>
    [JsonPropertyName("fieldsType")]
    public string? FieldsType { get; set; }

    /// <summary>The owned field set.</summary>
    [JsonPropertyName("fieldsV1")]
    public JsonElement? FieldsV1 { get; set; }

    /// <summary>Subresource the entry applies to.</summary>
    [JsonPropertyName("subresource")]
    public string? Subresource { get; set; }
}
