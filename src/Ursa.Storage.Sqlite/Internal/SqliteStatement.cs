using System.Text;

namespace Ursa.Storage.Sqlite.Internal;

/// <summary>A prepared statement owned by one <see cref="SqliteConnection"/>; parameters are 1-based, columns 0-based.</summary>
internal sealed unsafe class SqliteStatement : IDisposable
{
    // A non-null pointer for empty values: SQLite binds NULL (not an empty string or blob) for a null pointer.
    private static readonly byte[] EmptyBuffer = [0];

    private readonly SqliteConnection _connection;
    private nint _stmt;

    private SqliteStatement(SqliteConnection connection, nint stmt)
    {
        _connection = connection;
        _stmt = stmt;
    }

    public static SqliteStatement Prepare(SqliteConnection connection, string sql)
    {
        byte[] utf8 = Encoding.UTF8.GetBytes(sql);
        nint stmt;
        fixed (byte* p = utf8)
        {
            connection.Check(SqliteNative.Prepare(connection.Handle, p, utf8.Length, SqliteNative.PreparePersistent, out stmt, out _));
        }

        return stmt != 0 ? new SqliteStatement(connection, stmt) : throw new ArgumentException("empty SQL", nameof(sql));
    }

    public SqliteStatement Bind(int index, long value)
    {
        _connection.Check(SqliteNative.BindInt64(_stmt, index, value));
        return this;
    }

    /// <summary>Binds a string as UTF-8 text (compared with memcmp under SQLite's BINARY collation).</summary>
    public SqliteStatement Bind(int index, string value)
    {
        int max = Encoding.UTF8.GetMaxByteCount(value.Length);
        if (max <= 512)
        {
            Span<byte> buffer = stackalloc byte[max];
            int n = Encoding.UTF8.GetBytes(value, buffer);
            return BindText(index, buffer[..n]);
        }

        return BindText(index, Encoding.UTF8.GetBytes(value));
    }

    /// <summary>Binds raw UTF-8 bytes as text, e.g. a computed prefix upper bound.</summary>
    public SqliteStatement BindText(int index, ReadOnlySpan<byte> utf8)
    {
        fixed (byte* p = utf8.IsEmpty ? EmptyBuffer : utf8)
        {
            _connection.Check(SqliteNative.BindText(_stmt, index, p, utf8.Length, SqliteNative.Transient));
        }

        return this;
    }

    public SqliteStatement BindBlob(int index, ReadOnlySpan<byte> value)
    {
        if (value.IsEmpty)
        {
            _connection.Check(SqliteNative.BindZeroBlob(_stmt, index, 0));
            return this;
        }

        fixed (byte* p = value)
        {
            _connection.Check(SqliteNative.BindBlob(_stmt, index, p, value.Length, SqliteNative.Transient));
        }

        return this;
    }

    /// <summary>Advances; true when a row is ready, false when the statement is done.</summary>
    public bool Step()
    {
        int rc = SqliteNative.Step(_stmt);
        return rc switch
        {
            SqliteNative.Row => true,
            SqliteNative.Done => false,
            _ => throw SqliteException.FromConnection(_connection.Handle, rc),
        };
    }

    /// <summary>Runs a statement that returns no rows.</summary>
    public void Run()
    {
        try
        {
            Step();
        }
        finally
        {
            Reset();
        }
    }

    /// <summary>Makes the statement ready for its next use; bindings are cleared so none leaks into it.</summary>
    public void Reset()
    {
        // sqlite3_reset repeats the last step's error code; that error was already thrown from Step.
        SqliteNative.Reset(_stmt);
        SqliteNative.ClearBindings(_stmt);
    }

    public long GetInt64(int column) => SqliteNative.ColumnInt64(_stmt, column);

    public bool IsNull(int column) => SqliteNative.ColumnType(_stmt, column) == SqliteNative.TypeNull;

    public string GetText(int column)
    {
        byte* p = SqliteNative.ColumnText(_stmt, column);
        int n = SqliteNative.ColumnBytes(_stmt, column);
        return p == null ? string.Empty : Encoding.UTF8.GetString(p, n);
    }

    public byte[] GetBlob(int column)
    {
        byte* p = SqliteNative.ColumnBlob(_stmt, column);
        int n = SqliteNative.ColumnBytes(_stmt, column);
        return n == 0 ? [] : new ReadOnlySpan<byte>(p, n).ToArray();
    }

    public void Dispose()
    {
        if (_stmt != 0)
        {
            SqliteNative.Finalize(_stmt);
            _stmt = 0;
        }
    }
}
