using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Ursa.Storage.Sqlite.Internal;

namespace Ursa.Storage.Sqlite;

/// <summary>
/// The embedded backend of <see cref="IStore"/>: one SQLite database file in WAL mode with
/// <c>synchronous=FULL</c>, written by a single group-commit loop and read through a small pool of read-only
/// connections.
/// <code>
///   Create/Update/Delete --> StoreWriter (one transaction + one fsync per batch) --> WatchHub --> watchers
///   Get/List/watch history --> ReadConnectionPool (WAL snapshots, never wait for the writer)
/// </code>
/// A write's task completes only after its batch is fsynced, so a crash (even kill -9 or power loss with an
/// honest disk) never loses an acknowledged write. Values are not cached in memory: the API server has its
/// own cache.
/// </summary>
/// <remarks>
/// Watch overflow: each watcher buffers at most <see cref="SqliteStoreOptions.WatchBufferSize"/> live events.
/// A watcher that falls further behind is not waited for and loses nothing: it re-reads the missed events
/// from the log. If compaction has removed them meanwhile, its enumerator ends with
/// <see cref="RevisionCompactedException"/> (the caller re-lists and watches from the list's revision).
/// When the store is disposed, open watches end with <see cref="StoreUnavailableException"/>.
/// </remarks>
public sealed partial class SqliteStore : IStore
{
    private readonly string _path;
    private readonly SqliteStoreOptions _options;
    private readonly ILogger _logger;
    private readonly FileStream _lockFile;
    private readonly SqliteConnection _writerConnection;
    private readonly ReadConnectionPool _readers;
    private readonly WatchHub _hub;
    private readonly StoreWriter _writer;
    private readonly Checkpointer _checkpointer;
    private int _disposed;

    private SqliteStore(
        string path,
        SqliteStoreOptions options,
        ILogger logger,
        FileStream lockFile,
        SqliteConnection writerConnection,
        ReadConnectionPool readers,
        WatchHub hub,
        StoreWriter writer,
        Checkpointer checkpointer)
    {
        _path = path;
        _options = options;
        _logger = logger;
        _lockFile = lockFile;
        _writerConnection = writerConnection;
        _readers = readers;
        _hub = hub;
        _writer = writer;
        _checkpointer = checkpointer;
    }

    /// <summary>The database file.</summary>
    public string DatabasePath => _path;

    /// <summary>The compaction point: reads and watches before it fail with <see cref="RevisionCompactedException"/>.</summary>
    public long CompactedRevision => _writer.CompactedRevision;

    /// <summary>Opens (creating if needed) the store in <paramref name="databasePath"/>.</summary>
    public static Task<SqliteStore> OpenAsync(
        string databasePath, SqliteStoreOptions options, TimeProvider timeProvider, CancellationToken cancellationToken) =>
        OpenAsync(databasePath, options, timeProvider, NullLogger<SqliteStore>.Instance, cancellationToken);

    /// <summary>Opens (creating if needed) the store in <paramref name="databasePath"/>, logging to <paramref name="logger"/>.</summary>
    /// <exception cref="StoreUnavailableException">The file cannot be opened, is locked by another store, or is not a store.</exception>
    public static Task<SqliteStore> OpenAsync(
        string databasePath,
        SqliteStoreOptions options,
        TimeProvider timeProvider,
        ILogger<SqliteStore> logger,
        CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(databasePath);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(logger);
        options.Validate();

        // Opening runs recovery of a leftover WAL and creates the schema: blocking file I/O, off the caller's thread.
        return Task.Run(() => Open(Path.GetFullPath(databasePath), options, timeProvider, logger), cancellationToken);
    }

    private static SqliteStore Open(string path, SqliteStoreOptions options, TimeProvider timeProvider, ILogger logger)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        FileStream lockFile;
        try
        {
            // Two stores on one file would both believe they own the revision counter. FileShare.None takes an
            // advisory flock on Linux, which the kernel releases when the process dies (also on kill -9).
            lockFile = new FileStream(path + ".lock", FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException error)
        {
            throw new StoreUnavailableException($"store {path} is in use by another process or store instance", error);
        }

        SqliteConnection? writerConnection = null;
        ReadConnectionPool? readers = null;
        try
        {
            writerConnection = SqliteConnection.Open(path, readOnly: false, create: true, options.BusyTimeout);
            string? mode = writerConnection.QueryText("PRAGMA journal_mode = WAL;");
            if (!string.Equals(mode, "wal", StringComparison.OrdinalIgnoreCase))
            {
                throw new StoreUnavailableException($"store {path}: SQLite refused WAL mode (journal_mode is {mode})");
            }

            // FULL: in WAL mode, NORMAL skips the fsync at commit and can lose the newest commits on power loss.
            writerConnection.Execute($"""
                PRAGMA synchronous = FULL;
                PRAGMA cache_size = -{options.CacheSizeKiB};
                PRAGMA journal_size_limit = {options.CheckpointThresholdPages * 4096L};
                """);
            writerConnection.Execute("BEGIN IMMEDIATE;" + StoreSchema.Create + "COMMIT;");
            (long revision, long compacted) = StoreReader.ReadState(writerConnection);

            readers = new ReadConnectionPool(path, options);
            var checkpointer = new Checkpointer(path, writerConnection, options, logger);
            var hub = new WatchHub();
            var writer = new StoreWriter(writerConnection, revision, compacted, options, hub, timeProvider, logger);
            LogOpened(logger, path, revision, compacted, SqliteNative.LibraryVersionNumber());
            return new SqliteStore(path, options, logger, lockFile, writerConnection, readers, hub, writer, checkpointer);
        }
        catch (Exception error)
        {
            writerConnection?.Dispose();
            lockFile.Dispose();
            if (readers is not null)
            {
                // Freshly made, no leases: completes synchronously.
                _ = readers.DisposeAsync().AsTask();
            }

            throw error is SqliteException or InvalidOperationException
                ? new StoreUnavailableException($"store {path} cannot be opened: {error.Message}", error)
                : error;
        }
    }

    /// <inheritdoc />
    public Task<long> GetCurrentRevisionAsync(CancellationToken cancellationToken)
    {
        ThrowIfDisposed();
        return Task.FromResult(_writer.CommittedRevision);
    }

    /// <inheritdoc />
    public async Task<StoreEntry?> GetAsync(string key, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        return await ReadAsync(connection => StoreReader.Get(connection, key), cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<StoreListResult> ListAsync(string prefix, StoreListOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfNegative(options.Limit);
        ArgumentOutOfRangeException.ThrowIfNegative(options.AtRevision);
        KeyRange range = KeyRange.ForPrefix(prefix);
        return await ReadAsync(connection => StoreReader.List(connection, range, options, cancellationToken), cancellationToken)
            .ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task CompactAsync(long revision, CancellationToken cancellationToken)
    {
        ThrowIfDisposed();
        long current = _writer.CommittedRevision;
        if (revision > current)
        {
            throw new ArgumentOutOfRangeException(nameof(revision), revision, $"cannot compact past the current revision {current}");
        }

        if (revision <= _writer.CompactedRevision)
        {
            return;
        }

        await _writer.CompactAsync(revision).WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Stops taking writes, commits the ones already queued, ends watches, and closes the database.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await _writer.DisposeAsync().ConfigureAwait(false);
        _hub.Close(new StoreUnavailableException($"store {_path} is closed"));
        await _readers.DisposeAsync().ConfigureAwait(false);
        await _checkpointer.DisposeAsync().ConfigureAwait(false);
        _writerConnection.Dispose();
        await _lockFile.DisposeAsync().ConfigureAwait(false);
        LogClosed(_logger, _path, _writer.CommittedRevision);
    }

    private async Task<T> ReadAsync<T>(Func<SqliteConnection, T> read, CancellationToken cancellationToken)
    {
        ThrowIfDisposed();
        try
        {
            return await _readers.ReadAsync(read, cancellationToken).ConfigureAwait(false);
        }
        catch (SqliteException error)
        {
            throw new StoreUnavailableException($"read failed: {error.Message}", error);
        }
    }

    private void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
}
