using System.Text.Json.Serialization;

namespace Ursa.Api.Core;

/// <summary>Parameters of a reboot.</summary>
public sealed class RebootParams
{
    /// <summary>Delay before the reboot.</summary>
    [JsonPropertyName("delayInSeconds")]
    public int? DelayInSeconds { get; set; }
}
