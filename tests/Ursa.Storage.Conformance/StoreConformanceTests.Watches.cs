using System.Collections.Concurrent;

namespace Ursa.Storage.Conformance;

public abstract partial class StoreConformanceTests
{
    [Fact]
    public async Task Watch_FromZero_ReplaysWholeHistoryInOrder()
    {
        IStore store = await NewStoreAsync();
        StoreEntry a1 = await store.CreateAsync("/w/a", Bytes("a1"), Ct);
        StoreEntry a2 = await store.UpdateAsync("/w/a", Bytes("a2"), 0, Ct);
        StoreEntry b1 = await store.CreateAsync("/w/b", Bytes("b1"), Ct);
        StoreEntry aDeleted = await store.DeleteAsync("/w/a", 0, Ct);

        await using WatchReader watch = Watch(store, "/w/", 0);
        List<WatchEvent> events = await watch.TakeAsync(4, "the replay of four writes");

        Assert.Equal(
            [
                (WatchEventType.Created, "/w/a", "a1", a1.ModRevision, a1.CreateRevision),
                (WatchEventType.Updated, "/w/a", "a2", a2.ModRevision, a1.CreateRevision),
                (WatchEventType.Created, "/w/b", "b1", b1.ModRevision, b1.CreateRevision),
                (WatchEventType.Deleted, "/w/a", "a2", aDeleted.ModRevision, a1.CreateRevision),
            ],
            events.Select(e => (e.Type, e.Entry.Key, Text(e.Entry), e.Revision, e.Entry.CreateRevision)));
        await AssertNextIsSentinelAsync(store, watch, "/w/sentinel");
    }

    [Fact]
    public async Task Watch_FromMidRevision_DeliversOnlyLaterEvents()
    {
        IStore store = await NewStoreAsync();
        await store.CreateAsync("/w/a", Bytes("a1"), Ct);
        StoreEntry a2 = await store.UpdateAsync("/w/a", Bytes("a2"), 0, Ct);
        StoreEntry b1 = await store.CreateAsync("/w/b", Bytes("b1"), Ct);
        StoreEntry a3 = await store.UpdateAsync("/w/a", Bytes("a3"), 0, Ct);

        await using WatchReader watch = Watch(store, "/w/", a2.ModRevision);
        List<WatchEvent> events = await watch.TakeAsync(2, "the two writes after the start revision");

        Assert.Equal([b1.ModRevision, a3.ModRevision], events.Select(e => e.Revision));
        await AssertNextIsSentinelAsync(store, watch, "/w/sentinel");
    }

    [Fact]
    public async Task Watch_FromCurrentRevision_DeliversOnlyNewEvents()
    {
        IStore store = await NewStoreAsync();
        await store.CreateAsync("/w/a", Bytes("a1"), Ct);
        await store.CreateAsync("/w/b", Bytes("b1"), Ct);
        long current = await store.GetCurrentRevisionAsync(Ct);

        await using WatchReader watch = Watch(store, "/w/", current);
        Task<WatchEvent> next = watch.NextAsync("the first write after the watch started");
        StoreEntry a2 = await store.UpdateAsync("/w/a", Bytes("a2"), 0, Ct);
        WatchEvent first = await next;

        Assert.Equal((WatchEventType.Updated, a2.ModRevision, "a2"), (first.Type, first.Revision, Text(first.Entry)));
    }

    [Fact]
    public async Task Watch_ReplayWhileWritesContinue_NoGapNoDuplicate()
    {
        IStore store = await NewStoreAsync();
        var revisions = new List<long>();
        for (int i = 0; i < 200; i++)
        {
            revisions.Add((await store.CreateAsync($"/w/h{i:D3}", Bytes("h"), Ct)).ModRevision);
        }

        await using WatchReader watch = Watch(store, "/w/", 0);
        Task<List<WatchEvent>> reading = watch.TakeAsync(400, "history then live events");
        for (int i = 0; i < 200; i++)
        {
            revisions.Add((await store.CreateAsync($"/w/l{i:D3}", Bytes("l"), Ct)).ModRevision);
        }

        List<WatchEvent> events = await reading;

        Assert.Equal(revisions, events.Select(e => e.Revision));
        await AssertNextIsSentinelAsync(store, watch, "/w/sentinel");
    }

    [Fact]
    public async Task Watch_ResumeAfterCancel_DeliversExactlyTheRest()
    {
        IStore store = await NewStoreAsync();
        var revisions = new List<long>();
        for (int i = 0; i < 10; i++)
        {
            revisions.Add((await store.CreateAsync($"/w/k{i}", Bytes("v"), Ct)).ModRevision);
        }

        long resumeFrom;
        await using (WatchReader first = Watch(store, "/w/", 0))
        {
            List<WatchEvent> seen = await first.TakeAsync(4, "the first four creates");
            resumeFrom = seen[^1].Revision;
            await first.CancelAsync();
        }

        for (int i = 10; i < 15; i++)
        {
            revisions.Add((await store.CreateAsync($"/w/k{i}", Bytes("v"), Ct)).ModRevision);
        }

        await using WatchReader resumed = Watch(store, "/w/", resumeFrom);
        List<WatchEvent> rest = await resumed.TakeAsync(11, "the eleven writes after the resume point");

        Assert.Equal(revisions.Skip(4), rest.Select(e => e.Revision));
        await AssertNextIsSentinelAsync(store, resumed, "/w/sentinel");
    }

    [Fact]
    public async Task Watch_Delete_CarriesLastValueAndDeleteRevision()
    {
        IStore store = await NewStoreAsync();
        StoreEntry created = await store.CreateAsync("/w/a", Bytes("first"), Ct);
        await using WatchReader watch = Watch(store, "/w/", created.ModRevision);
        await store.UpdateAsync("/w/a", Bytes("last"), 0, Ct);
        StoreEntry deleted = await store.DeleteAsync("/w/a", 0, Ct);

        List<WatchEvent> events = await watch.TakeAsync(2, "the update and the delete");

        WatchEvent delete = events[1];
        Assert.Equal((WatchEventType.Deleted, "/w/a", "last", deleted.ModRevision, created.CreateRevision),
            (delete.Type, delete.Entry.Key, Text(delete.Entry), delete.Revision, delete.Entry.CreateRevision));
    }

    [Fact]
    public async Task Watch_RecreatedKey_IsCreatedEventWithNewCreateRevision()
    {
        IStore store = await NewStoreAsync();
        await store.CreateAsync("/w/a", Bytes("1"), Ct);
        await store.DeleteAsync("/w/a", 0, Ct);
        StoreEntry again = await store.CreateAsync("/w/a", Bytes("2"), Ct);

        await using WatchReader watch = Watch(store, "/w/", 0);
        List<WatchEvent> events = await watch.TakeAsync(3, "create, delete, re-create");

        Assert.Equal([WatchEventType.Created, WatchEventType.Deleted, WatchEventType.Created], events.Select(e => e.Type));
        Assert.Equal(again.ModRevision, events[2].Entry.CreateRevision);
    }

    [Fact]
    public async Task Watch_Prefix_FiltersOtherKeysInHistoryAndLive()
    {
        IStore store = await NewStoreAsync();
        await store.CreateAsync("/registry/podsx/a", Bytes("x"), Ct);
        StoreEntry pod = await store.CreateAsync("/registry/pods/a", Bytes("p"), Ct);
        await store.CreateAsync("/registry/pod", Bytes("x"), Ct);

        await using WatchReader watch = Watch(store, "/registry/pods/", 0);
        WatchEvent replayed = await watch.NextAsync("the replayed pod create");
        await store.UpdateAsync("/registry/podsx/a", Bytes("x2"), 0, Ct);
        StoreEntry pod2 = await store.UpdateAsync("/registry/pods/a", Bytes("p2"), 0, Ct);
        WatchEvent live = await watch.NextAsync("the live pod update");

        Assert.Equal(("/registry/pods/a", pod.ModRevision), (replayed.Entry.Key, replayed.Revision));
        Assert.Equal(("/registry/pods/a", pod2.ModRevision), (live.Entry.Key, live.Revision));
        await AssertNextIsSentinelAsync(store, watch, "/registry/pods/sentinel");
    }

    [Fact]
    public async Task Watch_Cancel_EndsPendingWaitPromptly()
    {
        IStore store = await NewStoreAsync();
        await store.CreateAsync("/w/a", Bytes("1"), Ct);
        await using WatchReader watch = Watch(store, "/w/", await store.GetCurrentRevisionAsync(Ct));
        Task<bool> pending = watch.MoveNextPending();

        await watch.CancelAsync();

        Task finished = await Task.WhenAny(pending, Task.Delay(TimeSpan.FromSeconds(5), Ct));
        Assert.True(finished == pending, "the pending MoveNextAsync did not end within 5 s of cancelling the watch");
        bool ended;
        try
        {
            ended = !await pending;
        }
        catch (OperationCanceledException)
        {
            ended = true;
        }

        Assert.True(ended, "a cancelled watch delivered an event instead of ending");
    }

    [Fact]
    public async Task Watch_SlowWatcher_DoesNotBlockWritersAndMissesNothing()
    {
        IStore store = await NewStoreAsync();
        await using WatchReader watch = Watch(store, "/w/", 0);
        StoreEntry first = await store.CreateAsync("/w/first", Bytes("v"), Ct);
        Assert.Equal(first.ModRevision, (await watch.NextAsync("the first create, which puts the watch in live mode")).Revision);

        // 10,000 writes while the watcher reads nothing: more than any sane per-watcher buffer.
        const int Writers = 16;
        const int PerWriter = 625;
        var revisions = new ConcurrentBag<long>();
        Task writes = Task.WhenAll(Enumerable.Range(0, Writers).Select(w => Task.Run(async () =>
        {
            for (int i = 0; i < PerWriter; i++)
            {
                revisions.Add((await store.CreateAsync($"/w/{w:D2}/{i:D4}", Bytes($"{w:D2}/{i:D4}"), Ct)).ModRevision);
            }
        })));
        Task done = await Task.WhenAny(writes, Task.Delay(TimeSpan.FromSeconds(60), Ct));
        Assert.True(done == writes, "10,000 writes did not finish within 60 s while a watcher was not reading (writers blocked by the watcher?)");
        await writes;

        List<WatchEvent> events = await watch.TakeAsync(Writers * PerWriter, "the 10,000 events the slow watcher fell behind on");
        Assert.Equal(revisions.Order(), events.Select(e => e.Revision));
        Assert.All(events, e => Assert.Equal(e.Entry.Key[3..], Text(e.Entry)));
    }

    [Fact]
    public async Task Watch_WritesUnderOtherPrefixes_ReportProgressToTheStoreRevision()
    {
        IStore store = await NewStoreAsync();
        await using WatchReader watch = Watch(store, "/quiet/", 0);
        StoreEntry first = await store.CreateAsync("/busy/a", Bytes("1"), Ct);
        WatchEvent caughtUp = await watch.NextOrProgressAsync("progress after history with nothing for the prefix");
        Assert.Equal((WatchEventType.Progress, first.ModRevision), (caughtUp.Type, caughtUp.Revision));

        StoreEntry second = await store.CreateAsync("/busy/b", Bytes("2"), Ct);
        WatchEvent live = await watch.NextOrProgressAsync("progress after a live write elsewhere");
        Assert.Equal((WatchEventType.Progress, second.ModRevision), (live.Type, live.Revision));

        StoreEntry own = await store.CreateAsync("/quiet/c", Bytes("3"), Ct);
        WatchEvent change = await watch.NextAsync("the prefix's own create");
        Assert.Equal((WatchEventType.Created, own.ModRevision), (change.Type, change.Revision));
    }
}
