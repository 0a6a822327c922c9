using System.Runtime.InteropServices;

namespace Ursa.Storage.Sqlite.Internal;

/// <summary>A failed SQLite call, carrying the (extended) result code and SQLite's own message.</summary>
internal sealed class SqliteException(int code, string message) : Exception($"SQLite error {code}: {message}")
{
    /// <summary>The extended result code (e.g. 5 SQLITE_BUSY, 10 SQLITE_IOERR, 13 SQLITE_FULL).</summary>
    public int Code { get; } = code;

    /// <summary>The primary result code (the low byte of <see cref="Code"/>).</summary>
    public int PrimaryCode => Code & 0xFF;

    /// <summary>Builds the exception from the connection's last error (sqlite3_errmsg).</summary>
    public static SqliteException FromConnection(nint db, int code)
    {
        string message = db != 0
            ? Marshal.PtrToStringUTF8(SqliteNative.ErrorMessage(db)) ?? "unknown error"
            : Marshal.PtrToStringUTF8(SqliteNative.ErrorString(code)) ?? "unknown error";
        return new SqliteException(code, message);
    }
}
