using System.Text.Json.Serialization;

namespace Ursa.Api.Meta;

/// <summary>One problem behind a Status.</summary>
public sealed class StatusCause
{
    /// <summary>FieldValueInvalid, FieldValueRequired, FieldValueNotSupported, FieldValueDuplicate, ...</summary>
    [JsonPropertyName("reason")]
    public string? Reason { get; set; }

    /// <summary>Description.</summary>
    [JsonPropertyName("message")]
    public string? Message { get; set; }

    /// <summary>Path of the offending field, e.g. spec.containers[0].image.</summary>
    [JsonPropertyName("field")]
    public string? Field { get; set; }
}
