namespace Ursa.Storage.Conformance;

/// <summary>
/// The conformance suite plus restart: for backends whose state outlives the store object (SQLite, etcd).
/// </summary>
public abstract class DurableStoreConformanceTests : StoreConformanceTests
{
    /// <summary>Disposes <paramref name="store"/> and opens the same data again.</summary>
    protected abstract Task<IStore> ReopenStoreAsync(IStore store);

    private async Task<IStore> ReopenAsync(IStore store) => Track(await ReopenStoreAsync(store));

    [Fact]
    public async Task Reopen_KeepsValuesRevisionsAndCurrentRevision()
    {
        IStore store = await NewStoreAsync();
        StoreEntry a = await store.CreateAsync("/d/a", Bytes("a1"), Ct);
        StoreEntry a2 = await store.UpdateAsync("/d/a", Bytes("a2"), 0, Ct);
        await store.CreateAsync("/d/b", Bytes("b1"), Ct);
        StoreEntry bDeleted = await store.DeleteAsync("/d/b", 0, Ct);

        IStore reopened = await ReopenAsync(store);

        StoreEntry? read = await reopened.GetAsync("/d/a", Ct);
        Assert.Equal(("a2", a.CreateRevision, a2.ModRevision), (Text(read!), read!.CreateRevision, read.ModRevision));
        Assert.Null(await reopened.GetAsync("/d/b", Ct));
        Assert.Equal(bDeleted.ModRevision, await reopened.GetCurrentRevisionAsync(Ct));
        StoreEntry next = await reopened.CreateAsync("/d/c", Bytes("c1"), Ct);
        Assert.True(next.ModRevision > bDeleted.ModRevision, $"revision {next.ModRevision} reused at or before {bDeleted.ModRevision}");
    }

    [Fact]
    public async Task Reopen_AfterCompactingTrailingDelete_NeverReusesRevision()
    {
        IStore store = await NewStoreAsync();
        await store.CreateAsync("/d/a", Bytes("a1"), Ct);
        StoreEntry deleted = await store.DeleteAsync("/d/a", 0, Ct);
        await store.CompactAsync(deleted.ModRevision, Ct);

        IStore reopened = await ReopenAsync(store);

        Assert.Equal(deleted.ModRevision, await reopened.GetCurrentRevisionAsync(Ct));
        StoreEntry next = await reopened.CreateAsync("/d/a", Bytes("a2"), Ct);
        Assert.True(next.ModRevision > deleted.ModRevision, $"revision {next.ModRevision} reused at or before {deleted.ModRevision}");
    }

    [Fact]
    public async Task Reopen_KeepsCompactionPoint()
    {
        IStore store = await NewStoreAsync();
        StoreEntry a1 = await store.CreateAsync("/d/a", Bytes("a1"), Ct);
        StoreEntry a2 = await store.UpdateAsync("/d/a", Bytes("a2"), 0, Ct);
        await store.CompactAsync(a2.ModRevision, Ct);

        IStore reopened = await ReopenAsync(store);

        await Assert.ThrowsAsync<RevisionCompactedException>(() => reopened.ListAsync("/d/", new StoreListOptions { AtRevision = a1.ModRevision }, Ct));
        await using WatchReader watch = Watch(reopened, "/d/", a1.ModRevision);
        await Assert.ThrowsAsync<RevisionCompactedException>(() => watch.NextAsync("the compaction error after reopen"));
    }

    [Fact]
    public async Task Reopen_WatchFromBeforeRestart_ReplaysHistoryThenLive()
    {
        IStore store = await NewStoreAsync();
        StoreEntry a1 = await store.CreateAsync("/d/a", Bytes("a1"), Ct);
        StoreEntry a2 = await store.UpdateAsync("/d/a", Bytes("a2"), 0, Ct);

        IStore reopened = await ReopenAsync(store);
        await using WatchReader watch = Watch(reopened, "/d/", 0);
        List<WatchEvent> replay = await watch.TakeAsync(2, "the two writes made before the restart");
        StoreEntry b = await reopened.CreateAsync("/d/b", Bytes("b1"), Ct);
        WatchEvent live = await watch.NextAsync("the first write after the restart");

        Assert.Equal([a1.ModRevision, a2.ModRevision, b.ModRevision], [.. replay.Select(e => e.Revision), live.Revision]);
    }
}
