using System.Text.Json.Serialization;

namespace Ursa.Api.Meta;

/// <summary>A reference to another object.</summary>
public sealed class ObjectReference
{
    /// <summary>Kind of the referent.</summary>
    [JsonPropertyName("kind")]
    public string? Kind { get; set; }

    /// <summary>Tenant of the referent.</summary>
    [JsonPropertyName("tenant")]
    public string? Tenant { get; set; }

    /// <summary>Namespace of the referent.</summary>
    [JsonPropertyName("namespace")]
    public string? Namespace { get; set; }

    /// <summary>Name of the referent.</summary>
    [JsonPropertyName("name")]
    public string? Name { get; set; }

    /// <summary>UID of the referent.</summary>
    [JsonPropertyName("uid")]
    public string? Uid { get; set; }

    /// <summary>API version of the referent.</summary>
    [JsonPropertyName("apiVersion")]
    public string? ApiVersion { get; set; }

    /// <summary>Resource version of the referent when the reference was made.</summary>
    [JsonPropertyName("resourceVersion")]
    public string? ResourceVersion { get; set; }

    /// <summary>Part of the object referred to, e.g. spec.containers{web}.</summary>
    [JsonPropertyName("fieldPath")]
    public string? FieldPath { get; set; }
}
