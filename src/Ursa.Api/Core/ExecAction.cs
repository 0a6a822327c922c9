using System.Text.Json.Serialization;

namespace Ursa.Api.Core;

/// <summary>A command to run.</summary>
public sealed class ExecAction
{
    /// <summary>Command and arguments.</summary>
    [JsonPropertyName("command")]
    public List<string>? Command { get; set; }
}
