using System.Text.Json.Serialization;

namespace Ursa.Api.Core;

/// <summary>A health check.</summary>
public sealed class Probe
{
    /// <summary>Run a command.</summary>
    [JsonPropertyName("exec")]
    public ExecAction? Exec { get; set; }

    /// <summary>HTTP GET.</summary>
    [JsonPropertyName("httpGet")]
    public HttpGetAction? HttpGet { get; set; }

    /// <summary>TCP connect.</summary>
    [JsonPropertyName("tcpSocket")]
    public TcpSocketAction? TcpSocket { get; set; }

    /// <summary>Delay before the first probe.</summary>
    [JsonPropertyName("initialDelaySeconds")]
    public int? InitialDelaySeconds { get; set; }

    /// <summary>Timeout of one probe. Default 1.</summary>
    [JsonPropertyName("timeoutSeconds")]
    public int? TimeoutSeconds { get; set; }

    /// <summary>Interval. Default 10.</summary>
    [JsonPropertyName("periodSeconds")]
    public int? PeriodSeconds { get; set; }

    /// <summary>Successes needed after a failure. Default 1.</summary>
    [JsonPropertyName("successThreshold")]
    public int? SuccessThreshold { get; set; }

    /// <summary>Failures before acting. Default 3.</summary>
    [JsonPropertyName("failureThreshold")]
    public int? FailureThreshold { get; set; }

    /// <summary>Grace period when the probe kills the container.</summary>
    [JsonPropertyName("terminationGracePeriodSeconds")]
    public long? TerminationGracePeriodSeconds { get; set; }
}
