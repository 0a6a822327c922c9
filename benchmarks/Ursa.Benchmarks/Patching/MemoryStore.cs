using Ursa.Storage;

namespace Ursa.Benchmarks.Patching;

/// <summary>
/// A store in a dictionary, for measuring the write path's own CPU without storage: its tasks complete at once, so
/// a write runs on the caller's thread and the thread's allocation counter sees all of it.
/// </summary>
public sealed class MemoryStore : IStore
{
    private readonly Dictionary<string, StoreEntry> _entries = new(StringComparer.Ordinal);
    private long _revision;

    public Task<long> GetCurrentRevisionAsync(CancellationToken cancellationToken) => Task.FromResult(_revision);

    public Task<StoreEntry?> GetAsync(string key, CancellationToken cancellationToken) =>
        Task.FromResult(_entries.TryGetValue(key, out var entry) ? entry : null);

    public Task<StoreEntry> CreateAsync(string key, ReadOnlyMemory<byte> value, CancellationToken cancellationToken)
    {
        if (_entries.ContainsKey(key))
        {
            throw new KeyExistsException(key);
        }

        var revision = ++_revision;
        return Task.FromResult(_entries[key] = new StoreEntry(key, value, revision, revision));
    }

    public Task<StoreEntry> UpdateAsync(string key, ReadOnlyMemory<byte> value, long expectedModRevision, CancellationToken cancellationToken)
    {
        var current = _entries.TryGetValue(key, out var entry) ? entry : throw new KeyNotFoundInStoreException(key);
        if (current.ModRevision != expectedModRevision)
        {
            throw new RevisionConflictException(key, expectedModRevision, current.ModRevision);
        }

        return Task.FromResult(_entries[key] = new StoreEntry(key, value, current.CreateRevision, ++_revision));
    }

    public Task<StoreEntry> DeleteAsync(string key, long expectedModRevision, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<StoreListResult> ListAsync(string prefix, StoreListOptions options, CancellationToken cancellationToken) => throw new NotSupportedException();

    public IAsyncEnumerable<WatchEvent> WatchAsync(string prefix, long afterRevision, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task CompactAsync(long revision, CancellationToken cancellationToken) => throw new NotSupportedException();

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
