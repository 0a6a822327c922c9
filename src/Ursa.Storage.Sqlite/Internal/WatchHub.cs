namespace Ursa.Storage.Sqlite.Internal;

/// <summary>
/// Fans committed events out to live subscriptions. <see cref="Publish"/> runs on the writer thread after each
/// commit and never blocks: it reads a copy-on-write array, so subscribing never stalls a commit either.
/// </summary>
internal sealed class WatchHub
{
    private readonly Lock _lock = new();
    private WatchSubscription[] _subscriptions = [];
    private Exception? _closed;

    public WatchSubscription Subscribe(KeyRange range, int capacity)
    {
        var subscription = new WatchSubscription(this, range, capacity);
        lock (_lock)
        {
            if (_closed is not null)
            {
                subscription.Close(_closed);
                return subscription;
            }

            _subscriptions = [.. _subscriptions, subscription];
        }

        return subscription;
    }

    public void Unsubscribe(WatchSubscription subscription)
    {
        lock (_lock)
        {
            int i = Array.IndexOf(_subscriptions, subscription);
            if (i >= 0)
            {
                _subscriptions = [.. _subscriptions.AsSpan(0, i), .. _subscriptions.AsSpan(i + 1)];
            }
        }
    }

    /// <summary>Delivers one commit's events, in revision order, to every matching subscription.</summary>
    public void Publish(List<WatchEvent> events)
    {
        WatchSubscription[] subscriptions = Volatile.Read(ref _subscriptions);
        foreach (WatchSubscription subscription in subscriptions)
        {
            foreach (WatchEvent watchEvent in events)
            {
                if (subscription.Range.Contains(watchEvent.Entry.Key) && !subscription.TryDeliver(watchEvent))
                {
                    // Overflowed: the watcher re-subscribes and reads the rest from the log.
                    Unsubscribe(subscription);
                    break;
                }
            }
        }
    }

    /// <summary>Ends every subscription, now and future, with <paramref name="error"/>.</summary>
    public void Close(Exception error)
    {
        WatchSubscription[] subscriptions;
        lock (_lock)
        {
            _closed = error;
            subscriptions = _subscriptions;
            _subscriptions = [];
        }

        foreach (WatchSubscription subscription in subscriptions)
        {
            subscription.Close(error);
        }
    }
}
