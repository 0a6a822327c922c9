using System.Diagnostics;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace Ursa.Storage.Sqlite.Internal;

/// <summary>
/// The single writer: group commit over one connection.
/// <code>
///  callers --enqueue--> [queue] --> loop: take up to MaxBatchSize
///                                   BEGIN IMMEDIATE
///                                     each op: check its precondition, assign rev = ++next, write rows
///                                   UPDATE state.rev; COMMIT      (one fsync for the whole batch)
///                                   committed = next
///                                   complete callers; publish events in revision order
/// </code>
/// At ~0.4 ms per fsync on this machine's disk, one commit per write caps out near 2,500 writes/s; a batch
/// of 64 pays one fsync for all of them. A failed precondition fails only its own op (it writes nothing and
/// consumes no revision); a SQLite error fails the whole batch, which is rolled back.
/// </summary>
internal sealed partial class StoreWriter : IAsyncDisposable
{
    private readonly SqliteConnection _connection;
    private readonly SqliteStoreOptions _options;
    private readonly WatchHub _hub;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly Channel<object> _queue = Channel.CreateUnbounded<object>(new UnboundedChannelOptions { SingleReader = true });
    private readonly List<CompactionRequest> _compactions = [];
    private readonly List<WatchEvent> _events = [];
    private readonly Task _loop;
    private long _committed;
    private long _compacted;

    public StoreWriter(
        SqliteConnection connection,
        long revision,
        long compactedRevision,
        SqliteStoreOptions options,
        WatchHub hub,
        TimeProvider timeProvider,
        ILogger logger)
    {
        _connection = connection;
        _committed = revision;
        _compacted = compactedRevision;
        _options = options;
        _hub = hub;
        _timeProvider = timeProvider;
        _logger = logger;
        _loop = Task.Run(RunAsync);
    }

    /// <summary>The newest committed revision.</summary>
    public long CommittedRevision => Volatile.Read(ref _committed);

    /// <summary>The durable compaction point: history before it is gone.</summary>
    public long CompactedRevision => Volatile.Read(ref _compacted);

    public Task<StoreEntry> WriteAsync(WriteRequest request, CancellationToken cancellationToken)
    {
        request.RegisterCancellation(cancellationToken);
        if (!_queue.Writer.TryWrite(request))
        {
            request.Fail(new ObjectDisposedException(nameof(SqliteStore)));
        }

        return request.Task;
    }

    public Task CompactAsync(long revision)
    {
        var request = new CompactionRequest(revision);
        if (!_queue.Writer.TryWrite(request))
        {
            request.Fail(new ObjectDisposedException(nameof(SqliteStore)));
        }

        return request.Task;
    }

    /// <summary>Stops taking requests, applies the ones already queued, and stops the loop.</summary>
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _loop.ConfigureAwait(false);
    }

    private async Task RunAsync()
    {
        var batch = new List<WriteRequest>(_options.MaxBatchSize);
        while (true)
        {
            // With a compaction in progress, keep going between its chunks instead of waiting for writes.
            if (_compactions.Count == 0 && !await _queue.Reader.WaitToReadAsync().ConfigureAwait(false))
            {
                break;
            }

            while (batch.Count < _options.MaxBatchSize && _queue.Reader.TryRead(out object? item))
            {
                if (item is WriteRequest write)
                {
                    if (write.TryClaim())
                    {
                        batch.Add(write);
                    }
                }
                else
                {
                    _compactions.Add((CompactionRequest)item);
                }
            }

            if (batch.Count > 0)
            {
                ApplyBatch(batch);
                batch.Clear();
            }

            if (_compactions.Count > 0)
            {
                CompactChunk();
            }
        }
    }

    private void ApplyBatch(List<WriteRequest> batch)
    {
        long started = _timeProvider.GetTimestamp();
        long next = _committed;
        try
        {
            _connection.Statement("BEGIN IMMEDIATE").Run();
            try
            {
                foreach (WriteRequest request in batch)
                {
                    Apply(request, ref next);
                }

                if (next != _committed)
                {
                    _connection.Statement(StoreSchema.UpdateRevision).Bind(1, next).Run();
                }

                _connection.Statement("COMMIT").Run();
            }
            catch
            {
                Rollback();
                throw;
            }
        }
        catch (Exception error)
        {
            // Any failure (disk full, I/O error, a bug) fails this batch only; the loop must live on.
            int code = error is SqliteException sqlite ? sqlite.Code : 0;
            LogBatchFailed(_logger, batch.Count, code, error);
            var unavailable = new StoreUnavailableException($"write batch failed: {error.Message}", error);
            foreach (WriteRequest request in batch)
            {
                request.Fail(unavailable);
            }

            return;
        }

        // A full fence, not just a release: a watcher writes its subscription then reads this value, and this
        // thread writes this value then reads the subscriptions (Dekker's pattern; x64 may reorder store->load).
        Interlocked.Exchange(ref _committed, next);

        _events.Clear();
        foreach (WriteRequest request in batch)
        {
            if (request.Event is not null)
            {
                _events.Add(request.Event);
            }

            request.Complete();
        }

        _hub.Publish(_events);

        TimeSpan elapsed = _timeProvider.GetElapsedTime(started);
        if (elapsed > TimeSpan.FromMilliseconds(100))
        {
            LogSlowBatch(_logger, batch.Count, (long)elapsed.TotalMilliseconds);
        }
    }

    private void Apply(WriteRequest request, ref long next)
    {
        SqliteStatement live = _connection.Statement(StoreSchema.SelectLive).Bind(1, request.Key);
        bool exists;
        long liveRevision = 0;
        long createRevision = 0;
        try
        {
            exists = live.Step();
            if (exists)
            {
                liveRevision = live.GetInt64(0);
                createRevision = live.GetInt64(1);
            }
        }
        finally
        {
            live.Reset();
        }

        if (request.Kind == WriteKind.Create)
        {
            if (exists)
            {
                request.Error = new KeyExistsException(request.Key);
                return;
            }

            long revision = ++next;
            InsertLog(revision, request.Key, revision, 0, deleted: false, request.Value);
            _connection.Statement(StoreSchema.UpsertLive).Bind(1, request.Key).Bind(2, revision).Bind(3, revision).Run();
            var created = new StoreEntry(request.Key, request.Value, revision, revision);
            request.Result = created;
            request.Event = new WatchEvent(WatchEventType.Created, created);
            return;
        }

        if (!exists)
        {
            request.Error = new KeyNotFoundInStoreException(request.Key);
            return;
        }

        if (request.ExpectedModRevision != 0 && request.ExpectedModRevision != liveRevision)
        {
            request.Error = new RevisionConflictException(request.Key, request.ExpectedModRevision, liveRevision)
            {
                Current = new StoreEntry(request.Key, ReadValue(liveRevision), createRevision, liveRevision),
            };
            return;
        }

        long modRevision = ++next;
        if (request.Kind == WriteKind.Update)
        {
            InsertLog(modRevision, request.Key, createRevision, liveRevision, deleted: false, request.Value);
            _connection.Statement(StoreSchema.UpsertLive).Bind(1, request.Key).Bind(2, modRevision).Bind(3, createRevision).Run();
            var updated = new StoreEntry(request.Key, request.Value, createRevision, modRevision);
            request.Result = updated;
            request.Event = new WatchEvent(WatchEventType.Updated, updated);
            return;
        }

        Debug.Assert(request.Kind == WriteKind.Delete, "the only kind left");
        byte[] last = ReadValue(liveRevision);
        InsertLog(modRevision, request.Key, createRevision, liveRevision, deleted: true, last);
        _connection.Statement(StoreSchema.DeleteLive).Bind(1, request.Key).Run();
        var deleted = new StoreEntry(request.Key, last, createRevision, modRevision);
        request.Result = deleted;
        request.Event = new WatchEvent(WatchEventType.Deleted, deleted);
    }

    private void InsertLog(long revision, string key, long createRevision, long previousRevision, bool deleted, byte[] value) =>
        _connection.Statement(StoreSchema.InsertLog)
            .Bind(1, revision)
            .Bind(2, key)
            .Bind(3, createRevision)
            .Bind(4, previousRevision)
            .Bind(5, deleted ? 1 : 0)
            .BindBlob(6, value)
            .Run();

    private byte[] ReadValue(long revision)
    {
        SqliteStatement statement = _connection.Statement(StoreSchema.SelectValue).Bind(1, revision);
        try
        {
            return statement.Step()
                ? statement.GetBlob(0)
                : throw new InvalidOperationException($"log row {revision} referenced by live is missing");
        }
        finally
        {
            statement.Reset();
        }
    }

    private void Rollback()
    {
        try
        {
            _connection.Statement("ROLLBACK").Run();
        }
        catch (SqliteException)
        {
            // SQLite may already have rolled back (e.g. after SQLITE_FULL); the original error is what matters.
        }
    }
}
