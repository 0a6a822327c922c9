using System.Text;

namespace Ursa.Storage.Conformance;

/// <summary>
/// The behaviour every <see cref="IStore"/> backend must show. A backend's test project derives from this
/// class and supplies <see cref="CreateStoreAsync"/>; xunit runs every test below against it, one fresh
/// instance (and so one fresh store) per test.
/// </summary>
/// <remarks>
/// No test sleeps to wait for state: each wait has a deadline and says what it waited for. Tests that a
/// backend cannot run (restart) live in <see cref="DurableStoreConformanceTests"/>.
/// </remarks>
public abstract partial class StoreConformanceTests : IAsyncLifetime
{
    /// <summary>Deadline for any single wait. Generous: CI runs on 2 cores next to other builds.</summary>
    protected static readonly TimeSpan WaitTimeout = TimeSpan.FromSeconds(30);

    private readonly List<IStore> _stores = [];
    private readonly CancellationTokenSource _testDeadline = new(TimeSpan.FromMinutes(2));

    /// <summary>Cancelled if the test runs for more than two minutes, so a stuck store call cannot hang the run.</summary>
    protected CancellationToken Ct => _testDeadline.Token;

    /// <summary>Creates an empty store for one test. The suite disposes it at the end of the test.</summary>
    protected abstract Task<IStore> CreateStoreAsync();

    public virtual Task InitializeAsync() => Task.CompletedTask;

    /// <summary>Disposes every store the test opened (derived classes delete their files after this).</summary>
    public virtual async Task DisposeAsync()
    {
        foreach (IStore store in _stores)
        {
            await store.DisposeAsync();
        }

        _testDeadline.Dispose();
    }

    /// <summary>Opens a store through <see cref="CreateStoreAsync"/> and tracks it for disposal.</summary>
    protected async Task<IStore> NewStoreAsync() => Track(await CreateStoreAsync());

    /// <summary>Tracks a store the test opened some other way (e.g. by reopening) for disposal.</summary>
    protected IStore Track(IStore store)
    {
        _stores.Add(store);
        return store;
    }

    protected static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);

    protected static string Text(StoreEntry entry) => Encoding.UTF8.GetString(entry.Value.Span);

    protected WatchReader Watch(IStore store, string prefix, long afterRevision) =>
        WatchReader.Start(store, prefix, afterRevision, WaitTimeout);

    /// <summary>Lists every key under a prefix at the newest revision, as "key=value" strings in list order.</summary>
    protected async Task<List<string>> ListTextAsync(IStore store, string prefix, long atRevision = 0)
    {
        StoreListResult result = await store.ListAsync(prefix, new StoreListOptions { AtRevision = atRevision }, Ct);
        Assert.False(result.HasMore);
        return result.Entries.Select(e => $"{e.Key}={Text(e)}").ToList();
    }

    /// <summary>
    /// Proves a watch delivers nothing more before <paramref name="sentinelKey"/>: writes it and expects it
    /// as the very next event. A stray or duplicated event would arrive first.
    /// </summary>
    protected async Task AssertNextIsSentinelAsync(IStore store, WatchReader watch, string sentinelKey)
    {
        StoreEntry sentinel = await store.CreateAsync(sentinelKey, Bytes("sentinel"), Ct);
        WatchEvent next = await watch.NextAsync($"the sentinel create of {sentinelKey} at revision {sentinel.ModRevision}");
        Assert.Equal(sentinelKey, next.Entry.Key);
        Assert.Equal(sentinel.ModRevision, next.Revision);
    }
}
