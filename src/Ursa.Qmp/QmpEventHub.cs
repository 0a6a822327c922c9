using System.Runtime.CompilerServices;
using Ursa.Qmp.Internal;

namespace Ursa.Qmp;

/// <summary>
/// Fans a connection's events out to its subscribers (waiters and streams). <see cref="QmpClient"/> owns one;
/// it is public so a fake <see cref="IQmpClient"/> in tests can publish events exactly as the real one does.
/// </summary>
public sealed class QmpEventHub
{
    private readonly Lock _lock = new();
    private readonly List<IQmpEventSink> _sinks = [];
    private Exception? _closed;

    /// <summary>See <see cref="IQmpClient.ExpectEvent"/>.</summary>
    public QmpEventWaiter ExpectEvent(string name, Func<QmpEvent, bool>? match = null)
    {
        var waiter = new QmpEventWaiter(this, name, match);
        Add(waiter);
        return waiter;
    }

    /// <summary>See <see cref="IQmpClient.ReadEventsAsync"/>.</summary>
    public IAsyncEnumerable<QmpEvent> ReadEventsAsync(CancellationToken cancellationToken = default)
    {
        // Subscribe now, not when enumeration starts: an iterator method would only run at the first MoveNextAsync.
        var sink = new ChannelEventSink();
        Add(sink);
        return ReadAsync(sink, cancellationToken);
    }

    /// <summary>Delivers <paramref name="qmpEvent"/> to every current subscriber, in subscription order.</summary>
    public void Publish(QmpEvent qmpEvent)
    {
        IQmpEventSink[] sinks;
        lock (_lock)
        {
            sinks = [.. _sinks];
        }

        foreach (var sink in sinks)
        {
            if (sink.Offer(qmpEvent))
            {
                Remove(sink);
            }
        }
    }

    /// <summary>Ends every subscription: streams end, waiters fail with <paramref name="reason"/>; later subscribers end at once.</summary>
    public void Complete(Exception reason)
    {
        IQmpEventSink[] sinks;
        lock (_lock)
        {
            if (_closed is not null)
            {
                return;
            }

            _closed = reason;
            sinks = [.. _sinks];
            _sinks.Clear();
        }

        foreach (var sink in sinks)
        {
            sink.Close(reason);
        }
    }

    internal void Remove(IQmpEventSink sink)
    {
        lock (_lock)
        {
            _sinks.Remove(sink);
        }
    }

    private void Add(IQmpEventSink sink)
    {
        Exception? closed;
        lock (_lock)
        {
            closed = _closed;
            if (closed is null)
            {
                _sinks.Add(sink);
                return;
            }
        }

        sink.Close(closed);
    }

    private async IAsyncEnumerable<QmpEvent> ReadAsync(ChannelEventSink sink, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // Dropping the subscription on cancellation also covers a sequence that is never enumerated.
        using var registration = cancellationToken.Register(() => Remove(sink));
        try
        {
            await foreach (var qmpEvent in sink.Reader.ReadAllAsync(cancellationToken))
            {
                yield return qmpEvent;
            }
        }
        finally
        {
            Remove(sink);
        }
    }
}
