using Ursa.Storage;
using Ursa.Storage.Etcd;
using static Ursa.UnitTests.Storage.Etcd.EtcdWatchResponses;

namespace Ursa.UnitTests.Storage.Etcd;

/// <summary>
/// The store's watch checks the progress it passes on instead of trusting it: a resume replays from the last
/// event, and an event at or below a progress already reported ends the watch (the caller relists) rather than
/// being skipped.
/// </summary>
public sealed class EtcdStoreWatchTests : IAsyncDisposable
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);

    private readonly ScriptedWatchChannel _etcd = new();
    private readonly EtcdStore _store;
    private readonly CancellationTokenSource _stop = new();
    private readonly IAsyncEnumerator<WatchEvent> _watch;

    public EtcdStoreWatchTests()
    {
        var options = new EtcdStoreOptions
        {
            Endpoints = [_etcd.Target],
            WatchProgressInterval = TimeSpan.FromSeconds(1),
            WatchRetryDelay = TimeSpan.FromMilliseconds(10),
        };
        _store = new EtcdStore([_etcd], options, null, TimeProvider.System);
        _watch = _store.WatchAsync("/registry/pods/", 10, _stop.Token).GetAsyncEnumerator();
    }

    [Fact]
    public async Task EventBelowAProgressReported_EndsTheWatch()
    {
        await _etcd.Stream(0).SendAsync(Created(), Answer(12), Answer(13), Put(11));

        Assert.Equal((WatchEventType.Progress, 12L), await NextAsync());
        var overtaken = await Assert.ThrowsAsync<WatchProgressOvertakenException>(() => NextAsync());

        Assert.Equal((11L, 12L), (overtaken.EventRevision, overtaken.ProgressRevision));
    }

    [Fact]
    public async Task Resume_ReplaysFromTheLastEvent_AndAnEventTheProgressSkippedEndsTheWatch()
    {
        await ProgressPastTheLastEventThenBreakAsync();

        var next = NextAsync(); // the watch runs only while it is read
        Assert.Equal(11, (await _etcd.Stream(1).Created.WaitAsync(Deadline)).StartRevision);
        await _etcd.Stream(1).SendAsync(Created(), Put(11), Put(13));
        var overtaken = await Assert.ThrowsAsync<WatchProgressOvertakenException>(() => next);

        Assert.Equal((13L, 15L), (overtaken.EventRevision, overtaken.ProgressRevision));
    }

    [Fact]
    public async Task Resume_NothingSkipped_GoesOnFromTheLastEvent()
    {
        await ProgressPastTheLastEventThenBreakAsync();

        await _etcd.Stream(1).SendAsync(Created(), Put(11), Put(17));

        Assert.Equal((WatchEventType.Created, 17L), await NextAsync());
    }

    [Fact]
    public async Task Resume_LastEventCompacted_ResumesFromTheProgress()
    {
        await ProgressPastTheLastEventThenBreakAsync();

        var next = NextAsync();
        await _etcd.Stream(1).SendAsync(Compacted(14));
        Assert.Equal(15, (await _etcd.Stream(2).Created.WaitAsync(Deadline)).StartRevision);
        await _etcd.Stream(2).SendAsync(Created(), Put(18));

        Assert.Equal((WatchEventType.Created, 18L), await next);
    }

    [Fact]
    public async Task Resume_ProgressCompactedToo_IsRevisionCompacted()
    {
        await ProgressPastTheLastEventThenBreakAsync();

        await _etcd.Stream(1).SendAsync(Compacted(16));
        await _etcd.Stream(2).SendAsync(Compacted(16));
        var compacted = await Assert.ThrowsAsync<RevisionCompactedException>(() => NextAsync());

        Assert.Equal((15L, 16L), (compacted.Requested, compacted.Compacted));
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _watch.DisposeAsync();
        }
        catch (OperationCanceledException)
        {
        }

        await _store.DisposeAsync();
        _stop.Dispose();
    }

    /// <summary>An event at 11, progress to 15 (answers 15 and 16), then the stream breaks.</summary>
    private async Task ProgressPastTheLastEventThenBreakAsync()
    {
        await _etcd.Stream(0).SendAsync(Created(), Put(11), Answer(15), Answer(16));
        Assert.Equal((WatchEventType.Created, 11L), await NextAsync());
        Assert.Equal((WatchEventType.Progress, 15L), await NextAsync());
        _etcd.Stream(0).Break();
    }

    private async Task<(WatchEventType Type, long Revision)> NextAsync()
    {
        Assert.True(await _watch.MoveNextAsync().AsTask().WaitAsync(Deadline), "the watch ended");
        return (_watch.Current.Type, _watch.Current.Revision);
    }
}
