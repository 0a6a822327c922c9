using Ursa.Storage.Sqlite.Internal;

namespace Ursa.Storage.Sqlite;

public sealed partial class SqliteStore
{
    /// <inheritdoc />
    public Task<StoreEntry> CreateAsync(string key, ReadOnlyMemory<byte> value, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        return WriteAsync(new WriteRequest(WriteKind.Create, key, value.ToArray(), 0), cancellationToken);
    }

    /// <inheritdoc />
    public Task<StoreEntry> UpdateAsync(string key, ReadOnlyMemory<byte> value, long expectedModRevision, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        ArgumentOutOfRangeException.ThrowIfNegative(expectedModRevision);
        return WriteAsync(new WriteRequest(WriteKind.Update, key, value.ToArray(), expectedModRevision), cancellationToken);
    }

    /// <inheritdoc />
    public Task<StoreEntry> DeleteAsync(string key, long expectedModRevision, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        ArgumentOutOfRangeException.ThrowIfNegative(expectedModRevision);
        return WriteAsync(new WriteRequest(WriteKind.Delete, key, [], expectedModRevision), cancellationToken);
    }

    private Task<StoreEntry> WriteAsync(WriteRequest request, CancellationToken cancellationToken)
    {
        ThrowIfDisposed();
        cancellationToken.ThrowIfCancellationRequested();
        return _writer.WriteAsync(request, cancellationToken);
    }
}
