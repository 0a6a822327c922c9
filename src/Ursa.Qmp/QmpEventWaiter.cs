using Ursa.Qmp.Internal;

namespace Ursa.Qmp;

/// <summary>
/// The first event of one name that matches a predicate, listened for from the moment the waiter was created
/// (<see cref="IQmpClient.ExpectEvent"/>). Dispose it to stop listening.
/// </summary>
public sealed class QmpEventWaiter : IQmpEventSink, IDisposable
{
    private readonly QmpEventHub _hub;
    private readonly string _name;
    private readonly Func<QmpEvent, bool>? _match;
    private readonly TaskCompletionSource<QmpEvent> _result = new(TaskCreationOptions.RunContinuationsAsynchronously);

    internal QmpEventWaiter(QmpEventHub hub, string name, Func<QmpEvent, bool>? match)
    {
        _hub = hub;
        _name = name;
        _match = match;
    }

    /// <summary>The event name listened for.</summary>
    public string Name => _name;

    /// <summary>
    /// The matching event (at once if it has already arrived).
    /// </summary>
    /// <exception cref="QmpConnectionException">The connection ended before a matching event arrived.</exception>
    public Task<QmpEvent> WaitAsync(CancellationToken cancellationToken = default) => _result.Task.WaitAsync(cancellationToken);

    public void Dispose() => _hub.Remove(this);

    bool IQmpEventSink.Offer(QmpEvent qmpEvent)
    {
        if (_result.Task.IsCompleted || !string.Equals(qmpEvent.Name, _name, StringComparison.Ordinal))
        {
            return _result.Task.IsCompleted;
        }

        // A throwing predicate must not take down the reader loop: it fails only this wait.
        try
        {
            if (_match is not null && !_match(qmpEvent))
            {
                return false;
            }
        }
        catch (Exception ex)
        {
            _result.TrySetException(ex);
            return true;
        }

        _result.TrySetResult(qmpEvent);
        return true;
    }

    void IQmpEventSink.Close(Exception reason) =>
        _result.TrySetException(new QmpConnectionException($"QMP connection ended while waiting for event {_name}: {reason.Message}", reason));
}
