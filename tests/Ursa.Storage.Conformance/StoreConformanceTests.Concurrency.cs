using System.Collections.Concurrent;
using System.Globalization;

namespace Ursa.Storage.Conformance;

public abstract partial class StoreConformanceTests
{
    [Fact]
    public async Task Concurrency_ParallelCreators_UniqueRevisionsAndWatcherSeesEachOnceInOrder()
    {
        IStore store = await NewStoreAsync();
        const int Creators = 64;
        const int PerCreator = 40;
        long start = await store.GetCurrentRevisionAsync(Ct);
        await using WatchReader watch = Watch(store, "/p/", start);
        var results = new ConcurrentBag<StoreEntry>();

        await Task.WhenAll(Enumerable.Range(0, Creators).Select(c => Task.Run(async () =>
        {
            long previous = 0;
            for (int i = 0; i < PerCreator; i++)
            {
                StoreEntry entry = await store.CreateAsync($"/p/{c:D2}/{i:D2}", Bytes($"{c}.{i}"), Ct);
                Assert.True(entry.ModRevision > previous, $"creator {c}: revision {entry.ModRevision} not after its previous {previous}");
                previous = entry.ModRevision;
                results.Add(entry);
            }
        })));

        long[] expected = results.Select(e => e.ModRevision).Order().ToArray();
        Assert.Equal(Creators * PerCreator, expected.Distinct().Count());
        Assert.True(expected[0] > start, $"revision {expected[0]} not after the starting revision {start}");
        Assert.Equal(expected[^1], await store.GetCurrentRevisionAsync(Ct));

        List<WatchEvent> events = await watch.TakeAsync(Creators * PerCreator, "every parallel create");
        Assert.Equal(expected, events.Select(e => e.Revision));
        Dictionary<long, StoreEntry> byRevision = results.ToDictionary(e => e.ModRevision);
        Assert.All(events, e => Assert.Equal((byRevision[e.Revision].Key, Text(byRevision[e.Revision])), (e.Entry.Key, Text(e.Entry))));
        await AssertNextIsSentinelAsync(store, watch, "/p/sentinel");
    }

    [Fact]
    public async Task Concurrency_ParallelCompareAndSwapUpdaters_LoseNoUpdate()
    {
        IStore store = await NewStoreAsync();
        const int Updaters = 16;
        const int Increments = 25;
        StoreEntry counter = await store.CreateAsync("/counter", Bytes("0"), Ct);
        await using WatchReader watch = Watch(store, "/counter", counter.ModRevision);
        int conflicts = 0;

        await Task.WhenAll(Enumerable.Range(0, Updaters).Select(_ => Task.Run(async () =>
        {
            for (int i = 0; i < Increments; i++)
            {
                StoreEntry current = (await store.GetAsync("/counter", Ct))!;
                while (true)
                {
                    int value = int.Parse(Text(current), CultureInfo.InvariantCulture);
                    try
                    {
                        await store.UpdateAsync("/counter", Bytes((value + 1).ToString(CultureInfo.InvariantCulture)), current.ModRevision, Ct);
                        break;
                    }
                    catch (RevisionConflictException conflict)
                    {
                        Interlocked.Increment(ref conflicts);
                        current = conflict.Current ?? (await store.GetAsync("/counter", Ct))!;
                    }
                }
            }
        })));

        const int Total = Updaters * Increments;
        Assert.Equal(Total.ToString(CultureInfo.InvariantCulture), Text((await store.GetAsync("/counter", Ct))!));
        List<WatchEvent> events = await watch.TakeAsync(Total, "every successful increment");
        Assert.Equal(Enumerable.Range(1, Total).Select(i => i.ToString(CultureInfo.InvariantCulture)), events.Select(e => Text(e.Entry)));
        Assert.True(conflicts > 0, "16 parallel updaters never conflicted: the test did not exercise the precondition");
    }

    [Fact]
    public async Task Concurrency_MixedWritesWithReaders_ListsAlwaysMatchTheirRevision()
    {
        IStore store = await NewStoreAsync();
        for (int i = 0; i < 50; i++)
        {
            await store.CreateAsync($"/m/{i:D2}", Bytes("0"), Ct);
        }

        Task writers = Task.WhenAll(Enumerable.Range(0, 8).Select(w => Task.Run(async () =>
        {
            for (int i = 0; i < 100; i++)
            {
                string key = $"/m/{(w * 7 + i) % 50:D2}";
                await store.UpdateAsync(key, Bytes(i.ToString(CultureInfo.InvariantCulture)), 0, Ct);
            }
        })));

        int lists = 0;
        while (!writers.IsCompleted || lists < 5)
        {
            StoreListResult result = await store.ListAsync("/m/", StoreListOptions.All, Ct);
            lists++;
            Assert.Equal(50, result.Entries.Count);
            Assert.All(result.Entries, e => Assert.True(e.ModRevision <= result.Revision,
                $"{e.Key} at revision {e.ModRevision} in a list claimed consistent at {result.Revision}"));
            StoreListResult again = await store.ListAsync("/m/", new StoreListOptions { AtRevision = result.Revision }, Ct);
            Assert.Equal(result.Entries.Select(e => (e.Key, e.ModRevision)), again.Entries.Select(e => (e.Key, e.ModRevision)));
        }

        await writers;
    }

    [Fact]
    public async Task Concurrency_WatchesStartedDuringWrites_SeeExactlyTheAcknowledgedRevisions()
    {
        IStore store = await NewStoreAsync();
        var acknowledged = new ConcurrentBag<long>();
        var windows = new List<(long After, List<long> Seen)>();
        using var stop = new CancellationTokenSource();
        Task[] writers = Enumerable.Range(0, 16).Select(w => Task.Run(async () =>
        {
            for (int i = 0; !stop.IsCancellationRequested; i++)
            {
                acknowledged.Add((await store.CreateAsync($"/s/{w:D2}/{i:D6}", Bytes("v"), Ct)).ModRevision);
            }
        })).ToArray();

        try
        {
            // Each watch starts while commits are being published, some from a few revisions back (history,
            // then live) and some from the current revision (live only): the hand-over is where a store
            // would duplicate or drop an event.
            for (int n = 0; n < 100; n++)
            {
                long current = await store.GetCurrentRevisionAsync(Ct);
                long after = Math.Max(0, current - (n % 2 == 0 ? 0 : 3));
                await using WatchReader watch = Watch(store, "/s/", after);
                List<WatchEvent> events = await watch.TakeAsync(10, $"ten events of watch {n} started after revision {after}");
                windows.Add((after, events.Select(e => e.Revision).ToList()));
            }
        }
        finally
        {
            await stop.CancelAsync();
            await Task.WhenAll(writers);
        }

        long[] all = acknowledged.Order().ToArray();
        foreach ((long after, List<long> seen) in windows)
        {
            long[] expected = all.Where(r => r > after && r <= seen[^1]).ToArray();
            Assert.Equal(expected, seen);
        }
    }
}
