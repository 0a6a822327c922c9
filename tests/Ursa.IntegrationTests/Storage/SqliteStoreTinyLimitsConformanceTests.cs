using Ursa.Storage.Conformance;
using Ursa.Storage.Sqlite;

namespace Ursa.IntegrationTests.Storage;

/// <summary>
/// The conformance suite again with every limit tiny, so the rare paths run in every test: batches split,
/// watch buffers overflow into history catch-up, history replays span many pages, compaction runs in many
/// chunks, and readers queue for the single read connection.
/// </summary>
public sealed class SqliteStoreTinyLimitsConformanceTests : DurableStoreConformanceTests
{
    private readonly SqliteTestDirectory _directory = new();

    private static SqliteStoreOptions TinyOptions => new()
    {
        MaxBatchSize = 3,
        ReadConnections = 1,
        WatchBufferSize = 2,
        WatchHistoryPageSize = 3,
        CompactionChunkSize = 2,
        CheckpointThresholdPages = 8,
    };

    protected override async Task<IStore> CreateStoreAsync() =>
        await SqliteStore.OpenAsync(_directory.DatabasePath, TinyOptions, TimeProvider.System, CancellationToken.None);

    protected override async Task<IStore> ReopenStoreAsync(IStore store)
    {
        await store.DisposeAsync();
        return await CreateStoreAsync();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        _directory.Dispose();
    }
}
