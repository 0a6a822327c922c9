using System.Threading.Channels;

namespace Ursa.NodeAgent.Streaming;

/// <summary>
/// The client's side of an exec or attach session, as the backend sees it. A stream the client did not ask for
/// is null.
/// </summary>
/// <remarks>
/// Concurrency: <see cref="Stdin"/> is read by one reader at a time; <see cref="Stdout"/> and <see cref="Stderr"/>
/// may be written concurrently with each other (each write is one message to the client, sent in order per
/// stream), but each by one writer at a time. Writes must be finished before the backend's method returns: the
/// exit status is sent after it returns and the client stops reading then.
/// </remarks>
public interface IExecSession
{
    /// <summary>What the client types or pipes; ends (read returns 0) when the client closes its input.</summary>
    Stream? Stdin { get; }

    /// <summary>Standard output to the client (with a terminal, everything the terminal shows).</summary>
    Stream? Stdout { get; }

    /// <summary>Standard error to the client; null with a terminal.</summary>
    Stream? Stderr { get; }

    /// <summary>Terminal resizes from the client, in order; completes when the session ends.</summary>
    ChannelReader<TerminalSize> Resizes { get; }
}
