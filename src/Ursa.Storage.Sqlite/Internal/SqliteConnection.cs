using System.Text;

namespace Ursa.Storage.Sqlite.Internal;

/// <summary>
/// One SQLite connection with a cache of prepared statements. Not thread-safe: exactly one thread uses it at a
/// time (the writer loop, a reader holding a lease, or the checkpointer).
/// </summary>
internal sealed unsafe class SqliteConnection : IDisposable
{
    private readonly Dictionary<string, SqliteStatement> _statements = new(StringComparer.Ordinal);
    private nint _db;

    private SqliteConnection(nint db) => _db = db;

    /// <summary>Opens (and with <paramref name="create"/>, creates) the database file.</summary>
    public static SqliteConnection Open(string path, bool readOnly, bool create, TimeSpan busyTimeout)
    {
        int flags = SqliteNative.OpenNoMutex | (readOnly ? SqliteNative.OpenReadOnly : SqliteNative.OpenReadWrite);
        if (create && !readOnly)
        {
            flags |= SqliteNative.OpenCreate;
        }

        byte[] utf8Path = Encoding.UTF8.GetBytes(path + "\0");
        nint db;
        int rc;
        fixed (byte* p = utf8Path)
        {
            rc = SqliteNative.Open(p, out db, flags, 0);
        }

        if (rc != SqliteNative.Ok)
        {
            SqliteException error = SqliteException.FromConnection(db, rc);
            SqliteNative.Close(db);
            throw error;
        }

        SqliteNative.ExtendedResultCodes(db, 1);
        SqliteNative.BusyTimeout(db, (int)Math.Min(int.MaxValue, busyTimeout.TotalMilliseconds));
        return new SqliteConnection(db);
    }

    /// <summary>Runs one or more statements that return no rows the caller needs (DDL, pragmas, BEGIN/COMMIT).</summary>
    public void Execute(string sql)
    {
        byte[] utf8 = Encoding.UTF8.GetBytes(sql);
        fixed (byte* start = utf8)
        {
            byte* cursor = start;
            byte* end = start + utf8.Length;
            while (cursor < end)
            {
                int rc = SqliteNative.Prepare(Handle, cursor, (int)(end - cursor), 0, out nint stmt, out byte* tail);
                Check(rc);
                cursor = tail;
                if (stmt == 0)
                {
                    continue; // whitespace or a comment
                }

                try
                {
                    while ((rc = SqliteNative.Step(stmt)) == SqliteNative.Row)
                    {
                    }

                    if (rc != SqliteNative.Done)
                    {
                        throw SqliteException.FromConnection(Handle, rc);
                    }
                }
                finally
                {
                    SqliteNative.Finalize(stmt);
                }
            }
        }
    }

    /// <summary>Returns the cached prepared statement for <paramref name="sql"/> (one statement), reset and unbound.</summary>
    public SqliteStatement Statement(string sql)
    {
        if (!_statements.TryGetValue(sql, out SqliteStatement? statement))
        {
            statement = SqliteStatement.Prepare(this, sql);
            _statements.Add(sql, statement);
        }

        return statement;
    }

    /// <summary>Runs a single-value query, e.g. <c>PRAGMA journal_mode=WAL</c>; returns the first column as text.</summary>
    public string? QueryText(string sql)
    {
        using SqliteStatement statement = SqliteStatement.Prepare(this, sql);
        return statement.Step() ? statement.GetText(0) : null;
    }

    /// <summary>The native handle; throws once disposed.</summary>
    public nint Handle => _db != 0 ? _db : throw new ObjectDisposedException(nameof(SqliteConnection));

    /// <summary>Throws a <see cref="SqliteException"/> with this connection's message unless <paramref name="rc"/> is OK.</summary>
    public void Check(int rc)
    {
        if (rc != SqliteNative.Ok)
        {
            throw SqliteException.FromConnection(Handle, rc);
        }
    }

    public void Dispose()
    {
        if (_db == 0)
        {
            return;
        }

        foreach (SqliteStatement statement in _statements.Values)
        {
            statement.Dispose();
        }

        _statements.Clear();
        SqliteNative.Close(_db);
        _db = 0;
    }
}
