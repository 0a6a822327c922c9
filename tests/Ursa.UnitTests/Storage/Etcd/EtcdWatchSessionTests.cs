using Google.Protobuf;
using Ursa.Storage;
using Ursa.Storage.Etcd.Internal;
using Ursa.Storage.Etcd.Protocol;
using Ursa.UnitTests.Testing;

namespace Ursa.UnitTests.Storage.Etcd;

/// <summary>
/// How a watch session turns etcd's answers to progress requests into progress: held until a second's worth of
/// answers has gone by with no event at or below them (etcd 3.4 can answer ahead of events it has not sent), and a
/// late event below a progress already passed on fails the session instead of leaving a gap.
/// </summary>
public sealed class EtcdWatchSessionTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Answer_IsPassedOnOnlyOnceASecondOfAnswersHasGoneBy()
    {
        var etcd = new ScriptedWatchChannel();
        await using var session = Start(etcd, startRevision: 10, interval: TimeSpan.FromMilliseconds(200));
        await Send(etcd, Created(), Answer(12), Answer(13), Answer(14), Answer(15), Answer(16), Events(20));

        var first = await session.NextAsync(CancellationToken.None).WaitAsync(Deadline);
        Assert.Equal(0, first.Progress);
        Assert.Equal(new long[] { 20 }, first.Events.Select(e => e.Revision));

        await Send(etcd, Answer(21));
        var progress = await session.NextAsync(CancellationToken.None).WaitAsync(Deadline);
        Assert.Equal(12, progress.Progress);
        Assert.Empty(progress.Events);
    }

    [Fact]
    public async Task EventAtOrBelowTheHeldAnswer_VoidsIt()
    {
        var etcd = new ScriptedWatchChannel();
        await using var session = Start(etcd, startRevision: 10, interval: TimeSpan.FromMilliseconds(200));
        await Send(etcd, Created(), Answer(12), Events(12), Answer(13), Answer(14), Answer(15), Answer(16), Answer(17), Answer(18));

        var replayed = await session.NextAsync(CancellationToken.None).WaitAsync(Deadline);
        var progress = await session.NextAsync(CancellationToken.None).WaitAsync(Deadline);

        Assert.Equal(new long[] { 12 }, replayed.Events.Select(e => e.Revision));
        Assert.Equal(13, progress.Progress);
    }

    [Fact]
    public async Task IntervalOfASecondOrMore_ConfirmsOnTheNextAnswer()
    {
        var etcd = new ScriptedWatchChannel();
        await using var session = Start(etcd, startRevision: 10, interval: TimeSpan.FromSeconds(1));
        await Send(etcd, Created(), Answer(12), Answer(13));

        var progress = await session.NextAsync(CancellationToken.None).WaitAsync(Deadline);

        Assert.Equal(12, progress.Progress);
    }

    [Fact]
    public async Task EtcdsOwnProgressNotify_IsPassedOnAtOnce()
    {
        var etcd = new ScriptedWatchChannel();
        await using var session = Start(etcd, startRevision: 10, interval: TimeSpan.FromMilliseconds(200));
        await Send(etcd, Created(), new WatchResponse { Header = new ResponseHeader { Revision = 30 }, WatchId = 0 });

        var progress = await session.NextAsync(CancellationToken.None).WaitAsync(Deadline);

        Assert.Equal(30, progress.Progress);
    }

    [Fact]
    public async Task EventBelowAProgressPassedOn_FailsTheSession_ButTheCallersSkippedStartRevisionDoesNot()
    {
        var etcd = new ScriptedWatchChannel();
        await using var session = Start(etcd, startRevision: 10, interval: TimeSpan.FromSeconds(1));
        await Send(etcd, Created(), Answer(12), Answer(13), Events(10), Events(11));

        Assert.Equal(12, (await session.NextAsync(CancellationToken.None).WaitAsync(Deadline)).Progress);
        Assert.Equal(new long[] { 10 }, (await session.NextAsync(CancellationToken.None).WaitAsync(Deadline)).Events.Select(e => e.Revision));
        var overtaken = await Assert.ThrowsAsync<WatchProgressOvertakenException>(() => session.NextAsync(CancellationToken.None).WaitAsync(Deadline));

        Assert.Equal((11L, 12L), (overtaken.EventRevision, overtaken.ProgressRevision));
    }

    private static EtcdWatchSession Start(ScriptedWatchChannel etcd, long startRevision, TimeSpan interval) =>
        new(etcd, "/registry/pods/", startRevision, interval, new ManualTimeProvider(), CancellationToken.None);

    private static async Task Send(ScriptedWatchChannel etcd, params WatchResponse[] responses)
    {
        foreach (var response in responses)
        {
            await etcd.Responses.WriteAsync(response);
        }
    }

    private static WatchResponse Created() => new() { Header = new ResponseHeader { Revision = 10 }, Created = true };

    /// <summary>etcd's answer to a WatchProgressRequest: the store's revision, for every watch on the stream.</summary>
    private static WatchResponse Answer(long revision) => new() { Header = new ResponseHeader { Revision = revision }, WatchId = -1 };

    private static WatchResponse Events(long revision) => new()
    {
        Header = new ResponseHeader { Revision = revision },
        Events =
        {
            new Event
            {
                Type = Event.Types.EventType.Put,
                Kv = new KeyValue { Key = ByteString.CopyFromUtf8($"/registry/pods/p{revision}"), Value = ByteString.CopyFromUtf8("{}"), CreateRevision = revision, ModRevision = revision, Version = 1 },
            },
        },
    };
}
