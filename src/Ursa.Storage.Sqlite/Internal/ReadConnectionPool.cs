using System.Collections.Concurrent;

namespace Ursa.Storage.Sqlite.Internal;

/// <summary>
/// A fixed set of read-only connections. In WAL mode a reader sees the last commit before its transaction
/// started and never waits for the writer, so Get/List latency does not include group-commit fsyncs.
/// </summary>
internal sealed class ReadConnectionPool : IAsyncDisposable
{
    private readonly ConcurrentStack<SqliteConnection> _idle = new();
    private readonly SemaphoreSlim _available;
    private readonly int _size;

    public ReadConnectionPool(string path, SqliteStoreOptions options)
    {
        _size = options.ReadConnections;
        try
        {
            for (int i = 0; i < _size; i++)
            {
                SqliteConnection connection = SqliteConnection.Open(path, readOnly: true, create: false, options.BusyTimeout);
                _idle.Push(connection);
                connection.Execute($"PRAGMA cache_size = -{options.CacheSizeKiB};");
            }
        }
        catch
        {
            foreach (SqliteConnection connection in _idle)
            {
                connection.Dispose();
            }

            throw;
        }

        _available = new SemaphoreSlim(_size, _size);
    }

    /// <summary>Runs <paramref name="read"/> on a leased connection, on the calling thread.</summary>
    public async ValueTask<T> ReadAsync<T>(Func<SqliteConnection, T> read, CancellationToken cancellationToken)
    {
        await _available.WaitAsync(cancellationToken).ConfigureAwait(false);
        if (!_idle.TryPop(out SqliteConnection? connection))
        {
            _available.Release();
            throw new ObjectDisposedException(nameof(SqliteStore));
        }

        try
        {
            return read(connection);
        }
        finally
        {
            _idle.Push(connection);
            _available.Release();
        }
    }

    /// <summary>Waits for every lease to come back, then closes the connections.</summary>
    public async ValueTask DisposeAsync()
    {
        for (int i = 0; i < _size; i++)
        {
            await _available.WaitAsync().ConfigureAwait(false);
        }

        while (_idle.TryPop(out SqliteConnection? connection))
        {
            connection.Dispose();
        }

        _available.Dispose();
    }
}
