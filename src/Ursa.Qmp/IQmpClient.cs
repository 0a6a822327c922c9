using System.Text.Json.Nodes;

namespace Ursa.Qmp;

/// <summary>
/// One QMP connection to one QEMU. The seam the VM runtime is written against, so it can be unit-tested with a
/// fake; typed commands (<see cref="QmpCommands"/>) and jobs (<see cref="QmpJobs"/>) are extension methods over it.
/// </summary>
/// <remarks>
/// Concurrency contract: every member may be called from any number of threads at once. Commands are written
/// one at a time and their replies matched by id, so concurrent callers never see each other's replies.
/// </remarks>
public interface IQmpClient : IAsyncDisposable
{
    /// <summary>The QEMU version from the greeting.</summary>
    QmpVersion Version { get; }

    /// <summary>The clock deadlines in the typed helpers are measured on.</summary>
    TimeProvider TimeProvider { get; }

    /// <summary>Completes (never faults) when the connection has ended, for any reason: QEMU exited, the socket broke, or the client was disposed.</summary>
    Task Closed { get; }

    /// <summary>
    /// Executes <paramref name="command"/> and returns its <c>return</c> value.
    /// </summary>
    /// <exception cref="QmpException">QEMU answered with an <c>error</c>.</exception>
    /// <exception cref="QmpConnectionException">The connection ended before the reply arrived.</exception>
    /// <remarks>Cancelling stops the wait, not the command: QEMU may still carry it out.</remarks>
    Task<JsonNode?> ExecuteAsync(string command, JsonObject? arguments = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Starts listening for the first event named <paramref name="name"/> that satisfies <paramref name="match"/>.
    /// Call it before the command that causes the event, so an event arriving before the wait is not missed.
    /// </summary>
    QmpEventWaiter ExpectEvent(string name, Func<QmpEvent, bool>? match = null);

    /// <summary>
    /// Every event from now on, in arrival order. The subscription is taken at the call (not at the first
    /// <c>MoveNextAsync</c>), so a caller can subscribe, then query state, and miss nothing in between. The
    /// sequence ends when the connection ends or <paramref name="cancellationToken"/> is cancelled.
    /// </summary>
    IAsyncEnumerable<QmpEvent> ReadEventsAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// QMP <c>getfd</c>: sends <paramref name="fd"/> to QEMU as SCM_RIGHTS on the same message, under the name
    /// <paramref name="fdName"/> (usable as e.g. a netdev's <c>fd</c>). The caller keeps and closes its own copy.
    /// </summary>
    Task SendFileDescriptorAsync(string fdName, int fd, CancellationToken cancellationToken = default);
}
