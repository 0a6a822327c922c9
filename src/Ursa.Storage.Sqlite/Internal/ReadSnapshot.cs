namespace Ursa.Storage.Sqlite.Internal;

/// <summary>
/// A read transaction: every statement inside it sees the same commit (WAL snapshot), so the state row and the
/// rows read with it agree. Disposing ends it, releasing the snapshot so checkpoints can reuse the WAL.
/// </summary>
internal readonly struct ReadSnapshot : IDisposable
{
    private readonly SqliteConnection _connection;

    public ReadSnapshot(SqliteConnection connection)
    {
        _connection = connection;
        _connection.Statement("BEGIN").Run();
    }

    public void Dispose() => _connection.Statement("COMMIT").Run();
}
