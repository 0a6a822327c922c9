using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;

namespace Ursa.Storage.Sqlite.Internal;

/// <summary>
/// Copies WAL pages into the database file on its own connection, so the writer's commits never include a
/// checkpoint. SQLite's default auto-checkpoint runs inside the commit that crosses 1,000 pages; at 10,000
/// creates/s of 1 KiB that is several times a second, each adding a database-file write and fsync to that
/// batch's latency. A PASSIVE checkpoint from another connection runs concurrently with the writer.
/// </summary>
/// <remarks>
/// The writer's WAL hook (called by SQLite after every commit with the WAL size in pages) wakes this loop once
/// the WAL passes <see cref="SqliteStoreOptions.CheckpointThresholdPages"/>. If it passes four times that
/// (the checkpointer cannot keep up, e.g. a reader holds an old snapshot), the hook checkpoints on the
/// writer itself, as SQLite would, so the WAL stays bounded.
/// </remarks>
internal sealed partial class Checkpointer : IAsyncDisposable
{
    private readonly SqliteConnection _connection;
    private readonly SqliteConnection _writerConnection;
    private readonly int _threshold;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _signal = new(0, 1);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private GCHandle _self;

    public unsafe Checkpointer(string path, SqliteConnection writerConnection, SqliteStoreOptions options, ILogger logger)
    {
        _connection = SqliteConnection.Open(path, readOnly: false, create: false, options.BusyTimeout);
        _writerConnection = writerConnection;
        _threshold = options.CheckpointThresholdPages;
        _logger = logger;
        _self = GCHandle.Alloc(this);
        SqliteNative.WalHook(writerConnection.Handle, &OnCommit, GCHandle.ToIntPtr(_self));
        _loop = Task.Run(RunAsync);
    }

    public async ValueTask DisposeAsync()
    {
        // The writer has stopped before this runs; unhook before the handle goes away.
        Unhook();
        await _stop.CancelAsync().ConfigureAwait(false);
        await _loop.ConfigureAwait(false);
        _self.Free();
        _connection.Dispose();
        _stop.Dispose();
        _signal.Dispose();
    }

    [UnmanagedCallersOnly]
    private static unsafe int OnCommit(nint argument, nint db, byte* databaseName, int pages)
    {
        var self = (Checkpointer)GCHandle.FromIntPtr(argument).Target!;
        if (pages >= self._threshold * 4)
        {
            // Backstop on the writer's own connection; a busy result is fine, the next commit tries again.
            SqliteNative.WalCheckpoint(db, databaseName, SqliteNative.CheckpointPassive, out _, out _);
        }
        else if (pages >= self._threshold && self._signal.CurrentCount == 0)
        {
            try
            {
                self._signal.Release();
            }
            catch (SemaphoreFullException)
            {
                // Already signalled by a racing commit.
            }
        }

        return SqliteNative.Ok;
    }

    private async Task RunAsync()
    {
        while (true)
        {
            try
            {
                await _signal.WaitAsync(_stop.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            (int rc, int logPages, int copied) = Checkpoint();
            if (rc != SqliteNative.Ok && rc != SqliteNative.Busy)
            {
                LogCheckpointFailed(_logger, rc, SqliteException.FromConnection(_connection.Handle, rc).Message);
            }
            else
            {
                LogCheckpointed(_logger, copied, logPages);
            }
        }
    }

    private unsafe void Unhook() => SqliteNative.WalHook(_writerConnection.Handle, null, 0);

    private unsafe (int Code, int LogPages, int Copied) Checkpoint()
    {
        int rc = SqliteNative.WalCheckpoint(_connection.Handle, null, SqliteNative.CheckpointPassive, out int logPages, out int copied);
        return (rc, logPages, copied);
    }

    [LoggerMessage(EventId = 1201, Level = LogLevel.Warning, Message = "WAL checkpoint failed with SQLite error {Code}: {Message}")]
    private static partial void LogCheckpointFailed(ILogger logger, int code, string message);

    [LoggerMessage(EventId = 1202, Level = LogLevel.Trace, Message = "WAL checkpoint copied {Copied} of {Pages} pages")]
    private static partial void LogCheckpointed(ILogger logger, int copied, int pages);
}
