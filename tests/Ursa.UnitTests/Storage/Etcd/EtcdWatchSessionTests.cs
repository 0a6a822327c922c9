using Ursa.Storage.Etcd.Internal;
using Ursa.UnitTests.Testing;
using static Ursa.UnitTests.Storage.Etcd.EtcdWatchResponses;

namespace Ursa.UnitTests.Storage.Etcd;

/// <summary>
/// How a watch session turns etcd's answers to progress requests into progress: held until a second's worth of
/// answers has gone by with no event at or below them, as etcd 3.4 can answer ahead of events it has not sent.
/// </summary>
public sealed class EtcdWatchSessionTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Answer_IsPassedOnOnlyOnceASecondOfAnswersHasGoneBy()
    {
        var etcd = new ScriptedWatchChannel();
        await using var session = Start(etcd, interval: TimeSpan.FromMilliseconds(200));
        await etcd.Stream(0).SendAsync(Created(), Answer(12), Answer(13), Answer(14), Answer(15), Answer(16), Put(20));

        var first = await session.NextAsync(CancellationToken.None).WaitAsync(Deadline);
        Assert.Equal(0, first.Progress);
        Assert.Equal(new long[] { 20 }, first.Events.Select(e => e.Revision));

        await etcd.Stream(0).SendAsync(Answer(21));
        var progress = await session.NextAsync(CancellationToken.None).WaitAsync(Deadline);
        Assert.Equal(12, progress.Progress);
        Assert.Empty(progress.Events);
    }

    [Fact]
    public async Task EventAtOrBelowTheHeldAnswer_VoidsIt()
    {
        var etcd = new ScriptedWatchChannel();
        await using var session = Start(etcd, interval: TimeSpan.FromMilliseconds(200));
        await etcd.Stream(0).SendAsync(Created(), Answer(12), Put(12), Answer(13), Answer(14), Answer(15), Answer(16), Answer(17), Answer(18));

        var replayed = await session.NextAsync(CancellationToken.None).WaitAsync(Deadline);
        var progress = await session.NextAsync(CancellationToken.None).WaitAsync(Deadline);

        Assert.Equal(new long[] { 12 }, replayed.Events.Select(e => e.Revision));
        Assert.Equal(13, progress.Progress);
    }

    [Fact]
    public async Task IntervalOfASecondOrMore_ConfirmsOnTheNextAnswer()
    {
        var etcd = new ScriptedWatchChannel();
        await using var session = Start(etcd, interval: TimeSpan.FromSeconds(1));
        await etcd.Stream(0).SendAsync(Created(), Answer(12), Answer(13));

        var progress = await session.NextAsync(CancellationToken.None).WaitAsync(Deadline);

        Assert.Equal(12, progress.Progress);
    }

    [Fact]
    public async Task EtcdsOwnProgressNotify_IsPassedOnAtOnce()
    {
        var etcd = new ScriptedWatchChannel();
        await using var session = Start(etcd, interval: TimeSpan.FromMilliseconds(200));
        await etcd.Stream(0).SendAsync(Created(), Notify(30));

        var progress = await session.NextAsync(CancellationToken.None).WaitAsync(Deadline);

        Assert.Equal(30, progress.Progress);
    }

    private static EtcdWatchSession Start(ScriptedWatchChannel etcd, TimeSpan interval) =>
        new(etcd, "/registry/pods/", 10, interval, new ManualTimeProvider(), CancellationToken.None);
}
