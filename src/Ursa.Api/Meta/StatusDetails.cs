using System.Text.Json.Serialization;

namespace Ursa.Api.Meta;

/// <summary>Details of a Status.</summary>
public sealed class StatusDetails
{
    /// <summary>Name of the object.</summary>
    [JsonPropertyName("name")]
    public string? Name { get; set; }

    /// <summary>API group.</summary>
    [JsonPropertyName("group")]
    public string? Group { get; set; }

    /// <summary>Kind.</summary>
    [JsonPropertyName("kind")]
    public string? Kind { get; set; }

    /// <summary>UID.</summary>
    [JsonPropertyName("uid")]
    public string? Uid { get; set; }

    /// <summary>Individual problems, with the field each concerns.</summary>
    [JsonPropertyName("causes")]
    public List<StatusCause>? Causes { get; set; }

    /// <summary>Seconds to wait before retrying.</summary>
    [JsonPropertyName("retryAfterSeconds")]
    public int? RetryAfterSeconds { get; set; }
}
