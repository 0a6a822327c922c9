using System.Text;
using Ursa.Storage.Conformance;
using Ursa.Storage.Sqlite;

namespace Ursa.IntegrationTests.Storage;

/// <summary>Behaviour of <see cref="SqliteStore"/> beyond the shared contract: locking, options, shutdown, overflow.</summary>
public sealed class SqliteStoreTests : IDisposable
{
    private static readonly TimeSpan WaitTimeout = TimeSpan.FromSeconds(30);
    private readonly SqliteTestDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    private Task<SqliteStore> OpenAsync(SqliteStoreOptions? options = null) =>
        SqliteStore.OpenAsync(_directory.DatabasePath, options ?? new SqliteStoreOptions(), TimeProvider.System, CancellationToken.None);

    private static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);

    [Fact]
    public async Task Open_SameFileTwice_SecondThrowsStoreUnavailable()
    {
        await using SqliteStore first = await OpenAsync();

        var error = await Assert.ThrowsAsync<StoreUnavailableException>(() => OpenAsync());

        Assert.Contains("in use", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Open_NotADatabase_ThrowsStoreUnavailable()
    {
        await File.WriteAllTextAsync(_directory.DatabasePath, new string('x', 8192));

        await Assert.ThrowsAsync<StoreUnavailableException>(() => OpenAsync());
    }

    [Fact]
    public async Task Open_Database_UsesWalFiles()
    {
        await using SqliteStore store = await OpenAsync();
        await store.CreateAsync("/a", Bytes("v"), CancellationToken.None);

        Assert.True(File.Exists(_directory.DatabasePath + "-wal"), "no -wal file next to the database: not in WAL mode");
    }

    [Theory]
    [InlineData(nameof(SqliteStoreOptions.MaxBatchSize))]
    [InlineData(nameof(SqliteStoreOptions.ReadConnections))]
    [InlineData(nameof(SqliteStoreOptions.WatchBufferSize))]
    [InlineData(nameof(SqliteStoreOptions.WatchHistoryPageSize))]
    [InlineData(nameof(SqliteStoreOptions.CompactionChunkSize))]
    [InlineData(nameof(SqliteStoreOptions.CheckpointThresholdPages))]
    public void Validate_ZeroLimit_Throws(string property)
    {
        var options = new SqliteStoreOptions();
        typeof(SqliteStoreOptions).GetProperty(property)!.SetValue(options, 0);

        var error = Assert.Throws<ArgumentOutOfRangeException>(options.Validate);

        Assert.Equal(property, error.ParamName);
    }

    [Fact]
    public void Validate_Defaults_Pass() => new SqliteStoreOptions().Validate();

    [Fact]
    public async Task List_AtFutureRevision_ThrowsArgumentOutOfRange()
    {
        await using SqliteStore store = await OpenAsync();
        StoreEntry entry = await store.CreateAsync("/a", Bytes("v"), CancellationToken.None);

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(
            () => store.ListAsync("/", new StoreListOptions { AtRevision = entry.ModRevision + 1 }, CancellationToken.None));
    }

    [Fact]
    public async Task Compact_FutureRevision_ThrowsArgumentOutOfRange()
    {
        await using SqliteStore store = await OpenAsync();
        StoreEntry entry = await store.CreateAsync("/a", Bytes("v"), CancellationToken.None);

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => store.CompactAsync(entry.ModRevision + 1, CancellationToken.None));
    }

    [Fact]
    public async Task Dispose_WritesInFlight_AreCommittedBeforeClose()
    {
        SqliteStore store = await OpenAsync();
        Task<StoreEntry>[] writes = Enumerable.Range(0, 200)
            .Select(i => store.CreateAsync($"/inflight/{i:D3}", Bytes("v"), CancellationToken.None))
            .ToArray();

        await store.DisposeAsync();
        StoreEntry[] done = await Task.WhenAll(writes);

        await using SqliteStore reopened = await OpenAsync();
        StoreListResult list = await reopened.ListAsync("/inflight/", StoreListOptions.All, CancellationToken.None);
        Assert.Equal(done.Select(e => e.Key).Order(StringComparer.Ordinal), list.Entries.Select(e => e.Key));
    }

    [Fact]
    public async Task Dispose_OpenWatch_EndsWithStoreUnavailable()
    {
        SqliteStore store = await OpenAsync();
        await using WatchReader watch = WatchReader.Start(store, "/", 0, WaitTimeout);
        await store.CreateAsync("/a", Bytes("v"), CancellationToken.None);
        await watch.NextAsync("the create before the store closes");

        await store.DisposeAsync();

        await Assert.ThrowsAsync<StoreUnavailableException>(() => watch.NextAsync("the end of the watch after dispose"));
    }

    [Fact]
    public async Task Watch_OverflowedThenCompacted_EndsWithRevisionCompacted()
    {
        await using SqliteStore store = await OpenAsync(new SqliteStoreOptions { WatchBufferSize = 4 });
        await using WatchReader watch = WatchReader.Start(store, "/", 0, WaitTimeout);
        StoreEntry first = await store.CreateAsync("/k/first", Bytes("v"), CancellationToken.None);
        await watch.NextAsync("the first create, which puts the watch in live mode");
        for (int i = 0; i < 20; i++)
        {
            await store.UpdateAsync("/k/first", Bytes($"{i}"), 0, CancellationToken.None);
        }

        await store.CompactAsync(await store.GetCurrentRevisionAsync(CancellationToken.None), CancellationToken.None);

        // The buffered events still arrive, then the missed ones cannot be read back: a clear error, not a gap.
        var buffered = new List<long>();
        var error = await Assert.ThrowsAsync<RevisionCompactedException>(async () =>
        {
            while (true)
            {
                buffered.Add((await watch.NextAsync("buffered events, then the compaction error")).Revision);
            }
        });
        Assert.Equal(Enumerable.Range((int)first.ModRevision + 1, 4).Select(i => (long)i), buffered);
        Assert.Equal(first.ModRevision + 4, error.Requested);
    }

    [Fact]
    public async Task Write_CancelledToken_ThrowsWithoutWriting()
    {
        await using SqliteStore store = await OpenAsync();
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => store.CreateAsync("/a", Bytes("v"), cancelled.Token));

        Assert.Null(await store.GetAsync("/a", CancellationToken.None));
        Assert.Equal(0, await store.GetCurrentRevisionAsync(CancellationToken.None));
    }
}
