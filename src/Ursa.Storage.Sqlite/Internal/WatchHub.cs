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

    /// <summary>
    /// Delivers one commit's events, in revision order, to every matching subscription. A subscription that got
    /// none of them and has nothing queued gets one Progress event at the commit's revision instead (etcd's
    /// progress notify, coalesced): it lets a per-prefix watcher, such as the API server's watch cache, know it
    /// has seen everything up to the store's revision, so consistent reads need not wait for a write of its own.
    /// </summary>
    public void Publish(List<WatchEvent> events)
    {
        if (events.Count == 0)
        {
            return;
        }

        WatchSubscription[] subscriptions = Volatile.Read(ref _subscriptions);
        WatchEvent? progress = null;
        foreach (WatchSubscription subscription in subscriptions)
        {
            var delivered = false;
            var overflowed = false;
            foreach (WatchEvent watchEvent in events)
            {
                if (!subscription.Range.Contains(watchEvent.Entry.Key))
                {
                    continue;
                }

                delivered = true;
                if (!subscription.TryDeliver(watchEvent))
                {
                    overflowed = true;
                    break;
                }
            }

            if (!delivered && subscription.IsIdle)
            {
                progress ??= new WatchEvent(WatchEventType.Progress, new StoreEntry(string.Empty, ReadOnlyMemory<byte>.Empty, 0, events[^1].Revision));
                overflowed = !subscription.TryDeliver(progress);
            }

            if (overflowed)
            {
                // Overflowed: the watcher re-subscribes and reads the rest from the log.
                Unsubscribe(subscription);
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
