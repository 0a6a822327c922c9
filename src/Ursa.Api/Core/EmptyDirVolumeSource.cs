using System.Text.Json.Serialization;

namespace Ursa.Api.Core;

/// <summary>A scratch directory.</summary>
public sealed class EmptyDirVolumeSource
{
    /// <summary>Empty for disk, Memory for tmpfs.</summary>
    [JsonPropertyName("medium")]
    public string? Medium { get; set; }

    /// <summary>Size limit.</summary>
    [JsonPropertyName("sizeLimit")]
    public string? SizeLimit { get; set; }
}
