namespace Ursa.NodeAgent.Streaming;

/// <summary>
/// What the node agent implements so <see cref="NodeStreamingServer"/> can serve <c>kubectl logs</c>,
/// <c>exec</c> and <c>attach</c>: the one seam between the streaming layer (protocols, TLS, framing) and the
/// runtimes (CRI, QEMU serial console).
/// </summary>
/// <remarks>
/// Concurrency contract: every method may be called concurrently, for the same container too (two
/// <c>kubectl logs -f</c>, an exec beside an attach); implementations keep no per-call state outside the call.
/// Each call ends when its work ends or when <c>cancellationToken</c> fires (the client went away or the
/// server is stopping): on cancellation, stop promptly (kill nothing but the stream: an exec'd process may be
/// left to the runtime's own clean-up) and throw <see cref="OperationCanceledException"/> or return.
/// Unknown pods or containers, or a container in the wrong state, are reported by throwing
/// <see cref="PodStreamingException"/> before writing anything; any other exception becomes an internal error.
/// </remarks>
public interface IPodStreamingBackend
{
    /// <summary>
    /// Writes the container's log as plain text (CRI log content, optionally with timestamps; see
    /// <see cref="CriLogFile"/>) to <paramref name="output"/>. With <see cref="LogRequest.Follow"/> it returns when the
    /// container stops. Each write is sent to the client at once (the stream flushes per write).
    /// </summary>
    Task ReadLogsAsync(LogRequest request, Stream output, CancellationToken cancellationToken);

    /// <summary>Runs a command in the container, connected to <paramref name="session"/>; returns its exit code.</summary>
    Task<int> ExecAsync(ExecRequest request, IExecSession session, CancellationToken cancellationToken);

    /// <summary>
    /// Attaches <paramref name="session"/> to the container's main process (or a VM's serial console); returns
    /// when the process exits or the runtime ends the attach.
    /// </summary>
    Task AttachAsync(AttachRequest request, IExecSession session, CancellationToken cancellationToken);
}
