namespace Ursa.Storage.Sqlite;

/// <summary>Tuning of a <see cref="SqliteStore"/>. The defaults suit a control plane on a 2-core machine.</summary>
public sealed class SqliteStoreOptions
{
    /// <summary>
    /// Most writes applied in one transaction (one fsync). Default 1,024: at ~10 us per 1 KiB create inside the
    /// transaction (measured here) a full batch is ~10 ms of work plus its commit, well inside a 50 ms p99,
    /// while 64 concurrent callers never fill more than 64.
    /// </summary>
    public int MaxBatchSize { get; set; } = 1024;

    /// <summary>
    /// How long a connection waits for a lock held by another connection before failing with
    /// <see cref="StoreUnavailableException"/>. Default 5 s. Only the checkpointer and another process opening
    /// the same file can contend with this store's own connections.
    /// </summary>
    public TimeSpan BusyTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Read connections (concurrent Get/List/history reads). Default 4: 2 per core, reads mostly hit the page cache.</summary>
    public int ReadConnections { get; set; } = 4;

    /// <summary>
    /// Live events buffered per watcher before it falls back to reading history from the database. Default
    /// 4,096 (about 4 MiB of 1 KiB values per watcher at most).
    /// </summary>
    public int WatchBufferSize { get; set; } = 4096;

    /// <summary>Rows read per transaction when a watch replays history. Default 1,000.</summary>
    public int WatchHistoryPageSize { get; set; } = 1000;

    /// <summary>
    /// Revisions compacted per transaction; writes are applied between chunks, so a large compaction never
    /// stalls writers for more than one chunk. Default 10,000 (a few tens of milliseconds).
    /// </summary>
    public int CompactionChunkSize { get; set; } = 10_000;

    /// <summary>
    /// WAL size in pages that wakes the background checkpoint (copying WAL pages into the database file).
    /// Default 1,000 pages (4 MiB, SQLite's own default). Checkpoints run on their own connection, so the
    /// writer's commit latency does not include them.
    /// </summary>
    public int CheckpointThresholdPages { get; set; } = 1000;

    /// <summary>Page cache per connection in KiB. Default 16,384 (16 MiB).</summary>
    public int CacheSizeKiB { get; set; } = 16 * 1024;

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> for a value the store cannot run with.</summary>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxBatchSize, 1, nameof(MaxBatchSize));
        ArgumentOutOfRangeException.ThrowIfLessThan(BusyTimeout, TimeSpan.Zero, nameof(BusyTimeout));
        ArgumentOutOfRangeException.ThrowIfLessThan(ReadConnections, 1, nameof(ReadConnections));
        ArgumentOutOfRangeException.ThrowIfLessThan(WatchBufferSize, 1, nameof(WatchBufferSize));
        ArgumentOutOfRangeException.ThrowIfLessThan(WatchHistoryPageSize, 1, nameof(WatchHistoryPageSize));
        ArgumentOutOfRangeException.ThrowIfLessThan(CompactionChunkSize, 1, nameof(CompactionChunkSize));
        ArgumentOutOfRangeException.ThrowIfLessThan(CheckpointThresholdPages, 1, nameof(CheckpointThresholdPages));
        ArgumentOutOfRangeException.ThrowIfLessThan(CacheSizeKiB, 0, nameof(CacheSizeKiB));
    }
}
