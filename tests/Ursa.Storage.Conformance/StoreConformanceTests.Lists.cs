namespace Ursa.Storage.Conformance;

public abstract partial class StoreConformanceTests
{
    [Fact]
    public async Task List_Prefix_ExcludesSiblingPrefixes()
    {
        IStore store = await NewStoreAsync();
        foreach (string key in new[] { "/registry/pods", "/registry/pods/a", "/registry/pods/b/c", "/registry/podsx/a", "/registry/pod/a", "/registry/poda", "/registry/pods0" })
        {
            await store.CreateAsync(key, Bytes(key), Ct);
        }

        List<string> pods = await ListTextAsync(store, "/registry/pods/");

        Assert.Equal(["/registry/pods/a=/registry/pods/a", "/registry/pods/b/c=/registry/pods/b/c"], pods);
    }

    [Fact]
    public async Task List_PrefixWithLikeWildcards_MatchesLiterally()
    {
        IStore store = await NewStoreAsync();
        foreach (string key in new[] { "/x/a_b/1", "/x/aXb/1", "/x/a%/1", "/x/abc/1", "/x/A_B/1" })
        {
            await store.CreateAsync(key, Bytes("v"), Ct);
        }

        Assert.Equal(["/x/a_b/1=v"], await ListTextAsync(store, "/x/a_b/"));
        Assert.Equal(["/x/a%/1=v"], await ListTextAsync(store, "/x/a%"));
    }

    [Fact]
    public async Task List_Entries_AreInKeyOrderWithTheirRevisions()
    {
        IStore store = await NewStoreAsync();
        var written = new Dictionary<string, StoreEntry>();
        foreach (string name in new[] { "m", "b", "z", "a", "k", "b0", "a/x" })
        {
            written[$"/registry/pods/{name}"] = await store.CreateAsync($"/registry/pods/{name}", Bytes(name), Ct);
        }

        StoreListResult result = await store.ListAsync("/registry/pods/", StoreListOptions.All, Ct);

        Assert.Equal(written.Keys.Order(StringComparer.Ordinal), result.Entries.Select(e => e.Key));
        Assert.All(result.Entries, e => Assert.Equal((written[e.Key].ModRevision, written[e.Key].CreateRevision), (e.ModRevision, e.CreateRevision)));
        Assert.Equal(await store.GetCurrentRevisionAsync(Ct), result.Revision);
        Assert.False(result.HasMore);
    }

    [Fact]
    public async Task List_EmptyPrefix_ReturnsEveryKey()
    {
        IStore store = await NewStoreAsync();
        await store.CreateAsync("/a", Bytes("1"), Ct);
        await store.CreateAsync("/b/c", Bytes("2"), Ct);
        await store.CreateAsync("z", Bytes("3"), Ct);

        Assert.Equal(["/a=1", "/b/c=2", "z=3"], await ListTextAsync(store, string.Empty));
    }

    [Fact]
    public async Task List_Limit_SetsHasMoreOnlyWhenMoreKeysFollow()
    {
        IStore store = await NewStoreAsync();
        for (int i = 0; i < 5; i++)
        {
            await store.CreateAsync($"/k/{i}", Bytes($"{i}"), Ct);
        }

        await store.CreateAsync("/l/0", Bytes("other prefix"), Ct);

        StoreListResult exact = await store.ListAsync("/k/", new StoreListOptions { Limit = 5 }, Ct);
        StoreListResult fewer = await store.ListAsync("/k/", new StoreListOptions { Limit = 4 }, Ct);
        StoreListResult unlimited = await store.ListAsync("/k/", new StoreListOptions { Limit = 0 }, Ct);

        Assert.Equal((5, false), (exact.Entries.Count, exact.HasMore));
        Assert.Equal((4, true), (fewer.Entries.Count, fewer.HasMore));
        Assert.Equal("/k/3", fewer.Entries[^1].Key);
        Assert.Equal((5, false), (unlimited.Entries.Count, unlimited.HasMore));
    }

    [Fact]
    public async Task List_PagesWithStartAfterKey_VisitEveryKeyOnce()
    {
        IStore store = await NewStoreAsync();
        var expected = new List<string>();
        for (int i = 0; i < 25; i++)
        {
            string key = $"/registry/pods/ns/p{i:D2}";
            expected.Add(key);
            await store.CreateAsync(key, Bytes("v"), Ct);
        }

        List<string> seen = await ReadAllPagesAsync(store, "/registry/pods/", pageSize: 7);

        Assert.Equal(expected, seen);
    }

    [Fact]
    public async Task List_StartAfterKeyBeforePrefix_StartsAtPrefix()
    {
        IStore store = await NewStoreAsync();
        await store.CreateAsync("/a/1", Bytes("v"), Ct);
        await store.CreateAsync("/b/1", Bytes("v"), Ct);
        await store.CreateAsync("/b/2", Bytes("v"), Ct);

        StoreListResult result = await store.ListAsync("/b/", new StoreListOptions { StartAfterKey = "/a/9" }, Ct);

        Assert.Equal(["/b/1", "/b/2"], result.Entries.Select(e => e.Key));
    }

    [Fact]
    public async Task List_PagedAtRevision_IsConsistentSnapshotWhileWritesContinue()
    {
        IStore store = await NewStoreAsync();
        var snapshot = new List<string>();
        for (int i = 0; i < 30; i++)
        {
            string key = $"/registry/pods/p{i:D2}";
            await store.CreateAsync(key, Bytes("old"), Ct);
            snapshot.Add($"{key}=old");
        }

        int page = 0;
        var seen = new List<string>();
        string? after = null;
        long revision = 0;
        while (true)
        {
            StoreListResult result = await store.ListAsync(
                "/registry/pods/", new StoreListOptions { Limit = 10, StartAfterKey = after, AtRevision = revision }, Ct);
            seen.AddRange(result.Entries.Select(e => $"{e.Key}={Text(e)}"));
            Assert.True(revision == 0 || result.Revision == revision, $"page {page} at revision {result.Revision}, asked {revision}");
            revision = result.Revision;
            if (!result.HasMore)
            {
                break;
            }

            after = result.Entries[^1].Key;

            // Writes between pages: before, inside and after the remaining range.
            await store.UpdateAsync($"/registry/pods/p{15 + page:D2}", Bytes("new"), 0, Ct);
            await store.DeleteAsync($"/registry/pods/p{20 + page:D2}", 0, Ct);
            await store.CreateAsync($"/registry/pods/p{25 + page:D2}a", Bytes("new"), Ct);
            await store.CreateAsync($"/registry/pods/p{page:D2}a", Bytes("new"), Ct);
            page++;
        }

        Assert.Equal(snapshot, seen);
        Assert.NotEqual(snapshot, await ListTextAsync(store, "/registry/pods/"));
    }

    [Fact]
    public async Task List_AtPastRevision_ShowsStateAsOfThatRevision()
    {
        IStore store = await NewStoreAsync();
        StoreEntry a1 = await store.CreateAsync("/r/a", Bytes("a1"), Ct);
        StoreEntry a2 = await store.UpdateAsync("/r/a", Bytes("a2"), 0, Ct);
        StoreEntry b1 = await store.CreateAsync("/r/b", Bytes("b1"), Ct);
        StoreEntry bDeleted = await store.DeleteAsync("/r/b", 0, Ct);
        await store.CreateAsync("/r/c", Bytes("c1"), Ct);

        Assert.Equal(["/r/a=a1"], await ListTextAsync(store, "/r/", a1.ModRevision));
        Assert.Equal(["/r/a=a2"], await ListTextAsync(store, "/r/", a2.ModRevision));
        Assert.Equal(["/r/a=a2", "/r/b=b1"], await ListTextAsync(store, "/r/", b1.ModRevision));
        Assert.Equal(["/r/a=a2"], await ListTextAsync(store, "/r/", bDeleted.ModRevision));
        Assert.Equal(["/r/a=a2", "/r/c=c1"], await ListTextAsync(store, "/r/"));

        StoreListResult atA1 = await store.ListAsync("/r/", new StoreListOptions { AtRevision = a1.ModRevision }, Ct);
        Assert.Equal((a1.ModRevision, a1.ModRevision, a1.ModRevision), (atA1.Revision, atA1.Entries[0].ModRevision, atA1.Entries[0].CreateRevision));
    }

    private async Task<List<string>> ReadAllPagesAsync(IStore store, string prefix, int pageSize)
    {
        var keys = new List<string>();
        string? after = null;
        while (true)
        {
            StoreListResult result = await store.ListAsync(prefix, new StoreListOptions { Limit = pageSize, StartAfterKey = after }, Ct);
            Assert.True(result.Entries.Count <= pageSize, $"page of {result.Entries.Count} exceeds limit {pageSize}");
            keys.AddRange(result.Entries.Select(e => e.Key));
            if (!result.HasMore)
            {
                return keys;
            }

            after = result.Entries[^1].Key;
        }
    }
}
