namespace Ursa.NodeAgent.Streaming;

/// <summary>What <c>kubectl logs</c> asked for (the query of <c>pods/{name}/log</c>).</summary>
public sealed record LogRequest(ContainerTarget Target)
{
    /// <summary>Keep streaming new output until the container stops or the client goes away.</summary>
    public bool Follow { get; init; }

    /// <summary>Only the last N lines (null: all).</summary>
    public long? TailLines { get; init; }

    /// <summary>The previous (terminated) instance of the container.</summary>
    public bool Previous { get; init; }

    /// <summary>Prefix every line with its RFC 3339 timestamp.</summary>
    public bool Timestamps { get; init; }

    /// <summary>Only lines newer than this many seconds (null: all).</summary>
    public long? SinceSeconds { get; init; }

    /// <summary>Stop after this many bytes of output (null: no limit).</summary>
    public long? LimitBytes { get; init; }
}
