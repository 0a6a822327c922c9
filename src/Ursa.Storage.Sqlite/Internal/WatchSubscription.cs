using System.Threading.Channels;

namespace Ursa.Storage.Sqlite.Internal;

/// <summary>
/// One watcher's bounded buffer of live events. The writer never waits on it: when it is full the subscription
/// is ended as <see cref="Overflowed"/>, and the watcher catches up from the log instead (see
/// <see cref="SqliteStore.WatchAsync"/>).
/// </summary>
internal sealed class WatchSubscription : IDisposable
{
    private readonly Channel<WatchEvent> _events;
    private readonly WatchHub _hub;

    public WatchSubscription(WatchHub hub, KeyRange range, int capacity)
    {
        _hub = hub;
        Range = range;
        _events = Channel.CreateBounded<WatchEvent>(new BoundedChannelOptions(capacity)
        {
            SingleReader = true,
            SingleWriter = true,
            FullMode = BoundedChannelFullMode.Wait, // only TryWrite is used: full means "overflow", never a wait
        });
    }

    public KeyRange Range { get; }

    public ChannelReader<WatchEvent> Reader => _events.Reader;

    /// <summary>True when nothing is queued (the reader has taken everything delivered so far).</summary>
    public bool IsIdle => _events.Reader.Count == 0;

    /// <summary>True when the buffer filled up and events after the buffered ones were not delivered.</summary>
    public bool Overflowed { get; private set; }

    /// <summary>Called by the writer thread only. False when the subscription has ended.</summary>
    public bool TryDeliver(WatchEvent watchEvent)
    {
        if (_events.Writer.TryWrite(watchEvent))
        {
            return true;
        }

        if (!Overflowed)
        {
            Overflowed = true;
            _events.Writer.TryComplete();
        }

        return false;
    }

    /// <summary>Ends the subscription because the store closed; the reader sees <paramref name="error"/>.</summary>
    public void Close(Exception error) => _events.Writer.TryComplete(error);

    public void Dispose() => _hub.Unsubscribe(this);
}
