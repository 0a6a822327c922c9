namespace Ursa.Storage.Conformance;

public abstract partial class StoreConformanceTests
{
    [Fact]
    public async Task GetCurrentRevision_EmptyStore_IsZero()
    {
        IStore store = await NewStoreAsync();

        Assert.Equal(0, await store.GetCurrentRevisionAsync(Ct));
    }

    [Fact]
    public async Task Create_NewKeys_GetStrictlyIncreasingRevisions()
    {
        IStore store = await NewStoreAsync();

        StoreEntry a = await store.CreateAsync("/registry/pods/a", Bytes("va"), Ct);
        StoreEntry b = await store.CreateAsync("/registry/pods/b", Bytes("vb"), Ct);
        StoreEntry c = await store.CreateAsync("/registry/pods/c", Bytes("vc"), Ct);

        Assert.True(a.ModRevision > 0, $"first revision {a.ModRevision} must be positive");
        Assert.True(a.ModRevision < b.ModRevision && b.ModRevision < c.ModRevision, $"revisions {a.ModRevision}, {b.ModRevision}, {c.ModRevision}");
        Assert.All([a, b, c], e => Assert.Equal(e.ModRevision, e.CreateRevision));
        Assert.Equal(c.ModRevision, await store.GetCurrentRevisionAsync(Ct));
        StoreEntry? read = await store.GetAsync("/registry/pods/b", Ct);
        Assert.NotNull(read);
        Assert.Equal(("/registry/pods/b", "vb", b.CreateRevision, b.ModRevision), (read.Key, Text(read), read.CreateRevision, read.ModRevision));
    }

    [Fact]
    public async Task Create_ExistingKey_ThrowsKeyExistsAndChangesNothing()
    {
        IStore store = await NewStoreAsync();
        StoreEntry first = await store.CreateAsync("/registry/pods/a", Bytes("v1"), Ct);

        var error = await Assert.ThrowsAsync<KeyExistsException>(() => store.CreateAsync("/registry/pods/a", Bytes("v2"), Ct));

        Assert.Equal("/registry/pods/a", error.Key);
        Assert.Equal("v1", Text((await store.GetAsync("/registry/pods/a", Ct))!));
        Assert.Equal(first.ModRevision, await store.GetCurrentRevisionAsync(Ct));
    }

    [Fact]
    public async Task Create_EmptyValue_RoundTripsAsEmpty()
    {
        IStore store = await NewStoreAsync();

        await store.CreateAsync("/registry/empty", ReadOnlyMemory<byte>.Empty, Ct);

        StoreEntry? read = await store.GetAsync("/registry/empty", Ct);
        Assert.NotNull(read);
        Assert.Equal(0, read.Value.Length);
    }

    [Fact]
    public async Task Create_CallerReusesBuffer_StoredValueUnchanged()
    {
        IStore store = await NewStoreAsync();
        byte[] buffer = Bytes("original");

        StoreEntry created = await store.CreateAsync("/registry/pods/a", buffer, Ct);
        Bytes("scribble").CopyTo(buffer, 0);

        Assert.Equal("original", Text(created));
        Assert.Equal("original", Text((await store.GetAsync("/registry/pods/a", Ct))!));
    }

    [Fact]
    public async Task Get_MissingKey_ReturnsNull()
    {
        IStore store = await NewStoreAsync();
        await store.CreateAsync("/registry/pods/a", Bytes("v"), Ct);

        Assert.Null(await store.GetAsync("/registry/pods/b", Ct));
        Assert.Null(await store.GetAsync("/registry/pods/", Ct));
    }

    [Fact]
    public async Task Update_MatchingRevision_StoresValueAndKeepsCreateRevision()
    {
        IStore store = await NewStoreAsync();
        StoreEntry created = await store.CreateAsync("/registry/pods/a", Bytes("v1"), Ct);

        StoreEntry updated = await store.UpdateAsync("/registry/pods/a", Bytes("v2"), created.ModRevision, Ct);

        Assert.True(updated.ModRevision > created.ModRevision, $"update revision {updated.ModRevision} after create {created.ModRevision}");
        Assert.Equal(created.CreateRevision, updated.CreateRevision);
        StoreEntry? read = await store.GetAsync("/registry/pods/a", Ct);
        Assert.Equal(("v2", created.CreateRevision, updated.ModRevision), (Text(read!), read!.CreateRevision, read.ModRevision));
    }

    [Fact]
    public async Task Update_StaleRevision_ThrowsConflict()
    {
        IStore store = await NewStoreAsync();
        StoreEntry created = await store.CreateAsync("/registry/pods/a", Bytes("v1"), Ct);
        StoreEntry updated = await store.UpdateAsync("/registry/pods/a", Bytes("v2"), created.ModRevision, Ct);

        var error = await Assert.ThrowsAsync<RevisionConflictException>(
            () => store.UpdateAsync("/registry/pods/a", Bytes("v3"), created.ModRevision, Ct));

        Assert.Equal(("/registry/pods/a", created.ModRevision, updated.ModRevision), (error.Key, error.Expected, error.Actual));
        if (error.Current is not null)
        {
            Assert.Equal(("v2", updated.ModRevision), (Text(error.Current), error.Current.ModRevision));
        }

        Assert.Equal("v2", Text((await store.GetAsync("/registry/pods/a", Ct))!));
        Assert.Equal(updated.ModRevision, await store.GetCurrentRevisionAsync(Ct));
    }

    [Fact]
    public async Task Update_MissingKey_ThrowsNotFound()
    {
        IStore store = await NewStoreAsync();

        var error = await Assert.ThrowsAsync<KeyNotFoundInStoreException>(() => store.UpdateAsync("/registry/pods/a", Bytes("v"), 0, Ct));

        Assert.Equal("/registry/pods/a", error.Key);
        Assert.Null(await store.GetAsync("/registry/pods/a", Ct));
        Assert.Equal(0, await store.GetCurrentRevisionAsync(Ct));
    }

    [Fact]
    public async Task Update_ExpectedZero_IsUnconditional()
    {
        IStore store = await NewStoreAsync();
        await store.CreateAsync("/registry/pods/a", Bytes("v1"), Ct);
        await store.UpdateAsync("/registry/pods/a", Bytes("v2"), 0, Ct);

        StoreEntry third = await store.UpdateAsync("/registry/pods/a", Bytes("v3"), 0, Ct);

        Assert.Equal(("v3", third.ModRevision), (Text((await store.GetAsync("/registry/pods/a", Ct))!), (await store.GetAsync("/registry/pods/a", Ct))!.ModRevision));
    }

    [Fact]
    public async Task Update_AfterDelete_ThrowsNotFound()
    {
        IStore store = await NewStoreAsync();
        StoreEntry created = await store.CreateAsync("/registry/pods/a", Bytes("v1"), Ct);
        await store.DeleteAsync("/registry/pods/a", 0, Ct);

        await Assert.ThrowsAsync<KeyNotFoundInStoreException>(() => store.UpdateAsync("/registry/pods/a", Bytes("v2"), created.ModRevision, Ct));
    }

    [Fact]
    public async Task Delete_MatchingRevision_ReturnsLastValueAtDeleteRevision()
    {
        IStore store = await NewStoreAsync();
        StoreEntry created = await store.CreateAsync("/registry/pods/a", Bytes("v1"), Ct);
        StoreEntry updated = await store.UpdateAsync("/registry/pods/a", Bytes("v2"), 0, Ct);

        StoreEntry deleted = await store.DeleteAsync("/registry/pods/a", updated.ModRevision, Ct);

        Assert.Equal(("/registry/pods/a", "v2", created.CreateRevision), (deleted.Key, Text(deleted), deleted.CreateRevision));
        Assert.True(deleted.ModRevision > updated.ModRevision, $"delete revision {deleted.ModRevision} after update {updated.ModRevision}");
        Assert.Equal(deleted.ModRevision, await store.GetCurrentRevisionAsync(Ct));
        Assert.Null(await store.GetAsync("/registry/pods/a", Ct));
    }

    [Fact]
    public async Task Delete_StaleRevision_ThrowsConflict()
    {
        IStore store = await NewStoreAsync();
        StoreEntry created = await store.CreateAsync("/registry/pods/a", Bytes("v1"), Ct);
        StoreEntry updated = await store.UpdateAsync("/registry/pods/a", Bytes("v2"), 0, Ct);

        var error = await Assert.ThrowsAsync<RevisionConflictException>(() => store.DeleteAsync("/registry/pods/a", created.ModRevision, Ct));

        Assert.Equal((created.ModRevision, updated.ModRevision), (error.Expected, error.Actual));
        Assert.Equal("v2", Text((await store.GetAsync("/registry/pods/a", Ct))!));
        Assert.Equal(updated.ModRevision, await store.GetCurrentRevisionAsync(Ct));
    }

    [Fact]
    public async Task Delete_MissingKey_ThrowsNotFound()
    {
        IStore store = await NewStoreAsync();
        await store.CreateAsync("/registry/pods/a", Bytes("v1"), Ct);
        await store.DeleteAsync("/registry/pods/a", 0, Ct);
        long revision = await store.GetCurrentRevisionAsync(Ct);

        var error = await Assert.ThrowsAsync<KeyNotFoundInStoreException>(() => store.DeleteAsync("/registry/pods/a", 0, Ct));
        await Assert.ThrowsAsync<KeyNotFoundInStoreException>(() => store.DeleteAsync("/registry/pods/never", 0, Ct));

        Assert.Equal("/registry/pods/a", error.Key);
        Assert.Equal(revision, await store.GetCurrentRevisionAsync(Ct));
    }

    [Fact]
    public async Task Delete_ExpectedZero_IsUnconditional()
    {
        IStore store = await NewStoreAsync();
        await store.CreateAsync("/registry/pods/a", Bytes("v1"), Ct);
        await store.UpdateAsync("/registry/pods/a", Bytes("v2"), 0, Ct);

        StoreEntry deleted = await store.DeleteAsync("/registry/pods/a", 0, Ct);

        Assert.Equal("v2", Text(deleted));
        Assert.Null(await store.GetAsync("/registry/pods/a", Ct));
    }

    [Fact]
    public async Task Create_AfterDelete_StartsNewCreateRevision()
    {
        IStore store = await NewStoreAsync();
        await store.CreateAsync("/registry/pods/a", Bytes("v1"), Ct);
        StoreEntry deleted = await store.DeleteAsync("/registry/pods/a", 0, Ct);

        StoreEntry recreated = await store.CreateAsync("/registry/pods/a", Bytes("v2"), Ct);

        Assert.True(recreated.CreateRevision > deleted.ModRevision, $"re-create {recreated.CreateRevision} after delete {deleted.ModRevision}");
        Assert.Equal(recreated.ModRevision, recreated.CreateRevision);
        Assert.Equal("v2", Text((await store.GetAsync("/registry/pods/a", Ct))!));
    }

    [Fact]
    public async Task Create_OneMiBValue_RoundTrips()
    {
        IStore store = await NewStoreAsync();
        byte[] value = new byte[1024 * 1024];
        new Random(42).NextBytes(value);

        await store.CreateAsync("/registry/configmaps/big", value, Ct);

        StoreEntry? read = await store.GetAsync("/registry/configmaps/big", Ct);
        Assert.True(read is not null && read.Value.Span.SequenceEqual(value), "the 1 MiB value did not round-trip byte for byte");
    }

    [Fact]
    public async Task Create_LongAndNonAsciiKeys_RoundTripAndListInOrder()
    {
        IStore store = await NewStoreAsync();
        string longKey = "/k/" + new string('x', 2000);
        foreach (string key in new[] { longKey, "/k/z", "/k/\u00e9t\u00e9", "/k/\u65e5\u672c" })
        {
            await store.CreateAsync(key, Bytes(key), Ct);
        }

        Assert.Equal(longKey, Text((await store.GetAsync(longKey, Ct))!));
        Assert.Equal("/k/\u00e9t\u00e9", Text((await store.GetAsync("/k/\u00e9t\u00e9", Ct))!));
        StoreListResult list = await store.ListAsync("/k/", StoreListOptions.All, Ct);
        Assert.Equal([longKey, "/k/z", "/k/\u00e9t\u00e9", "/k/\u65e5\u672c"], list.Entries.Select(e => e.Key));
        Assert.Equal(["/k/\u00e9t\u00e9"], (await store.ListAsync("/k/\u00e9", StoreListOptions.All, Ct)).Entries.Select(e => e.Key));
    }
}
