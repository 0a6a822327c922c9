namespace Ursa.Storage;

/// <summary>
/// A revisioned key-value store with ordered watch, the one seam between the API server and its backing state
/// (embedded SQLite today, etcd later). Values are opaque bytes; the store assigns a single, cluster-wide,
/// strictly increasing revision to every write, like etcd's main revision.
/// </summary>
/// <remarks>
/// Contract every backend must meet (checked by the storage conformance suite):
/// <list type="bullet">
/// <item>A write is durable before its task completes: a crash after completion never loses it.</item>
/// <item>Every successful write gets a revision greater than any revision returned before it.</item>
/// <item>Watches deliver every event with a revision greater than the start revision, in revision order,
///   with no gaps and no duplicates, and end with <see cref="RevisionCompactedException"/> when the start
///   revision has been compacted away.</item>
/// <item>All methods are safe to call concurrently.</item>
/// </list>
/// </remarks>
public interface IStore : IAsyncDisposable
{
    /// <summary>The revision of the newest committed write (0 for an empty store).</summary>
    Task<long> GetCurrentRevisionAsync(CancellationToken cancellationToken);

    /// <summary>Reads one key at the newest revision; null when it does not exist.</summary>
    Task<StoreEntry?> GetAsync(string key, CancellationToken cancellationToken);

    /// <summary>Lists keys under a prefix in key order, optionally at a past revision and in pages.</summary>
    /// <exception cref="RevisionCompactedException">The requested revision was compacted.</exception>
    Task<StoreListResult> ListAsync(string prefix, StoreListOptions options, CancellationToken cancellationToken);

    /// <summary>Creates a key that must not exist.</summary>
    /// <exception cref="KeyExistsException">The key exists.</exception>
    Task<StoreEntry> CreateAsync(string key, ReadOnlyMemory<byte> value, CancellationToken cancellationToken);

    /// <summary>
    /// Replaces the value of an existing key. When <paramref name="expectedModRevision"/> is not 0 the write
    /// happens only if the key's current modification revision equals it.
    /// </summary>
    /// <exception cref="KeyNotFoundInStoreException">The key does not exist.</exception>
    /// <exception cref="RevisionConflictException">The key's revision differs from the expected one.</exception>
    Task<StoreEntry> UpdateAsync(string key, ReadOnlyMemory<byte> value, long expectedModRevision, CancellationToken cancellationToken);

    /// <summary>
    /// Deletes a key, with the same precondition rule as <see cref="UpdateAsync"/>. Returns the deleted value
    /// with <see cref="StoreEntry.ModRevision"/> set to the revision of the deletion.
    /// </summary>
    /// <exception cref="KeyNotFoundInStoreException">The key does not exist.</exception>
    /// <exception cref="RevisionConflictException">The key's revision differs from the expected one.</exception>
    Task<StoreEntry> DeleteAsync(string key, long expectedModRevision, CancellationToken cancellationToken);

    /// <summary>
    /// Streams every change under <paramref name="prefix"/> with a revision greater than
    /// <paramref name="afterRevision"/>, in revision order, until cancelled.
    /// </summary>
    /// <exception cref="RevisionCompactedException">Thrown from the enumerator when history from
    /// <paramref name="afterRevision"/> is no longer kept.</exception>
    IAsyncEnumerable<WatchEvent> WatchAsync(string prefix, long afterRevision, CancellationToken cancellationToken);

    /// <summary>Discards history older than <paramref name="revision"/>; current values are kept.</summary>
    Task CompactAsync(long revision, CancellationToken cancellationToken);
}
