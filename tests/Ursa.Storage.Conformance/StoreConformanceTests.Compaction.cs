namespace Ursa.Storage.Conformance;

public abstract partial class StoreConformanceTests
{
    [Fact]
    public async Task List_AtCompactedRevision_ThrowsRevisionCompacted()
    {
        IStore store = await NewStoreAsync();
        StoreEntry v1 = await store.CreateAsync("/c/a", Bytes("v1"), Ct);
        await store.UpdateAsync("/c/a", Bytes("v2"), 0, Ct);
        StoreEntry v3 = await store.UpdateAsync("/c/a", Bytes("v3"), 0, Ct);

        await store.CompactAsync(v3.ModRevision, Ct);

        var error = await Assert.ThrowsAsync<RevisionCompactedException>(
            () => store.ListAsync("/c/", new StoreListOptions { AtRevision = v1.ModRevision }, Ct));
        Assert.Equal((v1.ModRevision, v3.ModRevision), (error.Requested, error.Compacted));
        Assert.Equal(["/c/a=v3"], await ListTextAsync(store, "/c/", v3.ModRevision));
        Assert.Equal(["/c/a=v3"], await ListTextAsync(store, "/c/"));
    }

    [Fact]
    public async Task Compact_MidHistory_KeepsStateAtAndAfterCompactionRevision()
    {
        IStore store = await NewStoreAsync();
        await store.CreateAsync("/c/a", Bytes("a1"), Ct);
        await store.CreateAsync("/c/b", Bytes("b1"), Ct);
        await store.CreateAsync("/c/gone", Bytes("g1"), Ct);
        await store.UpdateAsync("/c/a", Bytes("a2"), 0, Ct);
        StoreEntry gone = await store.DeleteAsync("/c/gone", 0, Ct);
        StoreEntry a3 = await store.UpdateAsync("/c/a", Bytes("a3"), 0, Ct);
        await store.DeleteAsync("/c/b", 0, Ct);
        await store.CreateAsync("/c/d", Bytes("d1"), Ct);

        await store.CompactAsync(gone.ModRevision, Ct);

        Assert.Equal(["/c/a=a2", "/c/b=b1"], await ListTextAsync(store, "/c/", gone.ModRevision));
        Assert.Equal(["/c/a=a3", "/c/b=b1"], await ListTextAsync(store, "/c/", a3.ModRevision));
        Assert.Equal(["/c/a=a3", "/c/d=d1"], await ListTextAsync(store, "/c/"));
        Assert.Null(await store.GetAsync("/c/gone", Ct));
        await Assert.ThrowsAsync<RevisionCompactedException>(() => store.ListAsync("/c/", new StoreListOptions { AtRevision = gone.ModRevision - 1 }, Ct));
    }

    [Fact]
    public async Task Compact_AtCurrentRevision_KeepsLiveValuesAndRevisions()
    {
        IStore store = await NewStoreAsync();
        StoreEntry a = await store.CreateAsync("/c/a", Bytes("a1"), Ct);
        await store.CreateAsync("/c/b", Bytes("b1"), Ct);
        StoreEntry a2 = await store.UpdateAsync("/c/a", Bytes("a2"), 0, Ct);
        await store.DeleteAsync("/c/b", 0, Ct);
        long current = await store.GetCurrentRevisionAsync(Ct);

        await store.CompactAsync(current, Ct);

        StoreEntry? read = await store.GetAsync("/c/a", Ct);
        Assert.Equal(("a2", a.CreateRevision, a2.ModRevision), (Text(read!), read!.CreateRevision, read.ModRevision));
        Assert.Null(await store.GetAsync("/c/b", Ct));
        Assert.Equal(["/c/a=a2"], await ListTextAsync(store, "/c/"));
        Assert.Equal(current, await store.GetCurrentRevisionAsync(Ct));
    }

    [Fact]
    public async Task Compact_ThenWrite_RevisionsKeepIncreasing()
    {
        IStore store = await NewStoreAsync();
        await store.CreateAsync("/c/a", Bytes("a1"), Ct);
        StoreEntry deleted = await store.DeleteAsync("/c/a", 0, Ct);
        await store.CompactAsync(deleted.ModRevision, Ct);

        StoreEntry next = await store.CreateAsync("/c/a", Bytes("a2"), Ct);

        Assert.True(next.ModRevision > deleted.ModRevision, $"revision {next.ModRevision} after compacted delete {deleted.ModRevision}");
    }

    [Fact]
    public async Task Compact_Twice_SecondOlderRevisionIsHarmless()
    {
        IStore store = await NewStoreAsync();
        StoreEntry a1 = await store.CreateAsync("/c/a", Bytes("a1"), Ct);
        StoreEntry a2 = await store.UpdateAsync("/c/a", Bytes("a2"), 0, Ct);
        await store.UpdateAsync("/c/a", Bytes("a3"), 0, Ct);

        await store.CompactAsync(a2.ModRevision, Ct);
        await store.CompactAsync(a1.ModRevision, Ct);

        await Assert.ThrowsAsync<RevisionCompactedException>(() => store.ListAsync("/c/", new StoreListOptions { AtRevision = a1.ModRevision }, Ct));
        Assert.Equal(["/c/a=a2"], await ListTextAsync(store, "/c/", a2.ModRevision));
    }

    [Fact]
    public async Task Watch_FromCompactedRevision_ThrowsRevisionCompacted()
    {
        IStore store = await NewStoreAsync();
        StoreEntry a1 = await store.CreateAsync("/c/a", Bytes("a1"), Ct);
        await store.UpdateAsync("/c/a", Bytes("a2"), 0, Ct);
        StoreEntry a3 = await store.UpdateAsync("/c/a", Bytes("a3"), 0, Ct);
        await store.CompactAsync(a3.ModRevision, Ct);

        await using WatchReader watch = Watch(store, "/c/", a1.ModRevision);
        var error = await Assert.ThrowsAsync<RevisionCompactedException>(() => watch.NextAsync("the compaction error"));

        Assert.Equal((a1.ModRevision, a3.ModRevision), (error.Requested, error.Compacted));
    }

    [Fact]
    public async Task Watch_FromCompactionRevision_DeliversLaterEvents()
    {
        IStore store = await NewStoreAsync();
        await store.CreateAsync("/c/a", Bytes("a1"), Ct);
        StoreEntry a2 = await store.UpdateAsync("/c/a", Bytes("a2"), 0, Ct);
        StoreEntry b = await store.CreateAsync("/c/b", Bytes("b1"), Ct);
        await store.CompactAsync(a2.ModRevision, Ct);

        await using WatchReader watch = Watch(store, "/c/", a2.ModRevision);
        WatchEvent first = await watch.NextAsync("the create of /c/b after the compaction revision");
        StoreEntry c = await store.CreateAsync("/c/c", Bytes("c1"), Ct);
        WatchEvent second = await watch.NextAsync("the live create of /c/c");

        Assert.Equal((WatchEventType.Created, b.ModRevision), (first.Type, first.Revision));
        Assert.Equal((WatchEventType.Created, c.ModRevision), (second.Type, second.Revision));
    }
}
