using System.Runtime.InteropServices;

namespace Ursa.Storage.Sqlite.Internal;

/// <summary>
/// The slice of the SQLite C API the store uses, bound to Debian's system library (libsqlite3-0, 3.40).
/// Strings cross as UTF-8 pointers with explicit lengths, so no marshaller allocates on the hot path.
/// </summary>
internal static unsafe partial class SqliteNative
{
    private const string Library = "libsqlite3.so.0";

    public const int Ok = 0;
    public const int Busy = 5;
    public const int Row = 100;
    public const int Done = 101;

    public const int OpenReadOnly = 0x00000001;
    public const int OpenReadWrite = 0x00000002;
    public const int OpenCreate = 0x00000004;

    // Each connection is used by one thread at a time (the writer loop, a leased reader, the checkpointer),
    // so SQLite's per-connection mutex is pure overhead.
    public const int OpenNoMutex = 0x00008000;

    public const int PreparePersistent = 0x01;

    public const int TypeNull = 5;

    public const int CheckpointPassive = 0;

    /// <summary>SQLITE_TRANSIENT: SQLite copies a bound buffer before the bind call returns.</summary>
    public static readonly nint Transient = -1;

    [LibraryImport(Library, EntryPoint = "sqlite3_open_v2")]
    public static partial int Open(byte* filename, out nint db, int flags, nint vfs);

    [LibraryImport(Library, EntryPoint = "sqlite3_close_v2")]
    public static partial int Close(nint db);

    [LibraryImport(Library, EntryPoint = "sqlite3_extended_result_codes")]
    public static partial int ExtendedResultCodes(nint db, int onOff);

    [LibraryImport(Library, EntryPoint = "sqlite3_busy_timeout")]
    public static partial int BusyTimeout(nint db, int milliseconds);

    [LibraryImport(Library, EntryPoint = "sqlite3_errmsg")]
    public static partial nint ErrorMessage(nint db);

    [LibraryImport(Library, EntryPoint = "sqlite3_errstr")]
    public static partial nint ErrorString(int code);

    [LibraryImport(Library, EntryPoint = "sqlite3_prepare_v3")]
    public static partial int Prepare(nint db, byte* sql, int byteCount, uint flags, out nint statement, out byte* tail);

    [LibraryImport(Library, EntryPoint = "sqlite3_step")]
    public static partial int Step(nint statement);

    [LibraryImport(Library, EntryPoint = "sqlite3_reset")]
    public static partial int Reset(nint statement);

    [LibraryImport(Library, EntryPoint = "sqlite3_clear_bindings")]
    public static partial int ClearBindings(nint statement);

    [LibraryImport(Library, EntryPoint = "sqlite3_finalize")]
    public static partial int Finalize(nint statement);

    [LibraryImport(Library, EntryPoint = "sqlite3_bind_int64")]
    public static partial int BindInt64(nint statement, int index, long value);

    [LibraryImport(Library, EntryPoint = "sqlite3_bind_text")]
    public static partial int BindText(nint statement, int index, byte* utf8, int byteCount, nint destructor);

    [LibraryImport(Library, EntryPoint = "sqlite3_bind_blob")]
    public static partial int BindBlob(nint statement, int index, byte* data, int byteCount, nint destructor);

    [LibraryImport(Library, EntryPoint = "sqlite3_bind_zeroblob")]
    public static partial int BindZeroBlob(nint statement, int index, int byteCount);

    [LibraryImport(Library, EntryPoint = "sqlite3_column_int64")]
    public static partial long ColumnInt64(nint statement, int column);

    [LibraryImport(Library, EntryPoint = "sqlite3_column_blob")]
    public static partial byte* ColumnBlob(nint statement, int column);

    [LibraryImport(Library, EntryPoint = "sqlite3_column_text")]
    public static partial byte* ColumnText(nint statement, int column);

    [LibraryImport(Library, EntryPoint = "sqlite3_column_bytes")]
    public static partial int ColumnBytes(nint statement, int column);

    [LibraryImport(Library, EntryPoint = "sqlite3_column_type")]
    public static partial int ColumnType(nint statement, int column);

    [LibraryImport(Library, EntryPoint = "sqlite3_wal_checkpoint_v2")]
    public static partial int WalCheckpoint(nint db, byte* databaseName, int mode, out int logFrames, out int checkpointedFrames);

    [LibraryImport(Library, EntryPoint = "sqlite3_wal_hook")]
    public static partial nint WalHook(nint db, delegate* unmanaged<nint, nint, byte*, int, int> callback, nint argument);

    [LibraryImport(Library, EntryPoint = "sqlite3_libversion_number")]
    public static partial int LibraryVersionNumber();
}
