namespace Ursa.Storage.Etcd.Internal;

/// <summary>What one etcd watch response meant for the store's watch.</summary>
/// <param name="Events">Change events, in revision order (may be empty).</param>
/// <param name="Progress">A revision every event up to which has been delivered, or 0.</param>
/// <param name="CompactRevision">Non-zero when the start revision was compacted: etcd's compaction point.</param>
internal sealed record EtcdWatchBatch(IReadOnlyList<WatchEvent> Events, long Progress, long CompactRevision);
