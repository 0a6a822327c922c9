using System.Threading.Channels;

namespace Ursa.ApiServer.Caching;

/// <summary>
/// One client watch on a <see cref="WatchCache"/>. Events are queued without blocking the cache; a watcher that
/// falls more than <see cref="WatchCache.WatcherQueueLimit"/> events behind is ended (its client re-watches from
/// the last resourceVersion it saw, as Kubernetes clients do), so one slow client never stalls the others.
/// </summary>
public sealed class CacheWatcher : IDisposable
{
    private readonly Channel<(CacheEventType Type, CachedObject Object)> _events;
    private readonly Action<CacheWatcher> _onDispose;

    internal CacheWatcher(ObjectFilter filter, int queueLimit, Action<CacheWatcher> onDispose)
    {
        Filter = filter;
        _onDispose = onDispose;
        _events = Channel.CreateBounded<(CacheEventType, CachedObject)>(new BoundedChannelOptions(queueLimit)
        {
            SingleReader = true,
            SingleWriter = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
    }

    public ObjectFilter Filter { get; }

    /// <summary>True once the watcher was ended for falling behind.</summary>
    public bool Overflowed { get; private set; }

    public ChannelReader<(CacheEventType Type, CachedObject Object)> Events => _events.Reader;

    /// <summary>Translates a cache event through this watcher's filter (an update that leaves the filter is a
    /// delete for this watcher, one that enters it an add) and queues it.</summary>
    internal void Offer(CacheEvent e)
    {
        var now = Filter.Matches(e.Current);
        var before = e.Previous is not null && Filter.Matches(e.Previous);
        (CacheEventType, CachedObject)? item = e.Type switch
        {
            CacheEventType.Added when now => (CacheEventType.Added, e.Current),
            CacheEventType.Deleted when now || before => (CacheEventType.Deleted, e.Current),
            CacheEventType.Modified when now && before => (CacheEventType.Modified, e.Current),
            CacheEventType.Modified when now => (CacheEventType.Added, e.Current),
            CacheEventType.Modified when before => (CacheEventType.Deleted, e.Current),
            _ => null,
        };
        if (item is { } value)
        {
            Enqueue(value.Item1, value.Item2);
        }
    }

    internal void Enqueue(CacheEventType type, CachedObject obj)
    {
        if (!_events.Writer.TryWrite((type, obj)))
        {
            Overflowed = true;
            _events.Writer.TryComplete();
        }
    }

    internal void Complete() => _events.Writer.TryComplete();

    public void Dispose()
    {
        _events.Writer.TryComplete();
        _onDispose(this);
    }
}
