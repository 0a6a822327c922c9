using System.Collections.Concurrent;
using Ursa.Client.Informers;

namespace Ursa.Controllers.GarbageCollection;

/// <summary>
/// The owner → dependents index and the uid → object index the collector works from, kept by the informers'
/// handlers; changes that matter to garbage collection enqueue the objects to look at (as <c>kind|key</c>).
/// </summary>
internal sealed class ObjectGraph(Action<string> enqueue)
{
    private readonly ConcurrentDictionary<string, string> _byUid = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, byte>> _dependents = new(StringComparer.Ordinal);

    public static string ItemOf(ITrackedResource kind, KubeObject obj) => $"{kind.Kind}|{ObjectKeys.Of(obj)}";

    /// <summary>Whether an object with this uid is in a cache (and in this tenant).</summary>
    public bool Has(string uid, string? tenant) =>
        _byUid.TryGetValue(uid, out var item) && ObjectKeys.Split(item[(item.IndexOf('|') + 1)..]).Tenant == tenant;

    /// <summary>The items (<c>kind|key</c>) whose owner references name this uid.</summary>
    public IReadOnlyCollection<string> DependentsOf(string uid) =>
        _dependents.TryGetValue(uid, out var set) ? [.. set.Keys] : [];

    public void Changed(ITrackedResource kind, KubeObject? old, KubeObject obj)
    {
        var item = ItemOf(kind, obj);
        if (obj.Metadata.Uid is { } uid)
        {
            _byUid[uid] = item;
        }

        foreach (var owner in old?.Metadata.OwnerReferences ?? [])
        {
            if (owner.Uid is { } gone && obj.Metadata.OwnerReferences?.Any(r => r.Uid == gone) != true && _dependents.TryGetValue(gone, out var set))
            {
                set.TryRemove(item, out _);
            }
        }

        foreach (var owner in obj.Metadata.OwnerReferences ?? [])
        {
            if (owner.Uid is { } ownerUid)
            {
                _dependents.GetOrAdd(ownerUid, _ => new(StringComparer.Ordinal))[item] = 0;
            }
        }

        // Only what garbage collection reads: owners, deletion, finalizers (pod status churn is not its business).
        if (old is null || obj.Metadata.DeletionTimestamp is not null
            || !SameRefs(old.Metadata.OwnerReferences, obj.Metadata.OwnerReferences)
            || (old.Metadata.Finalizers?.Count ?? 0) != (obj.Metadata.Finalizers?.Count ?? 0))
        {
            enqueue(item);
        }
    }

    public void Removed(ITrackedResource kind, KubeObject obj)
    {
        var item = ItemOf(kind, obj);
        if (obj.Metadata.Uid is { } uid)
        {
            _byUid.TryRemove(uid, out _);
            foreach (var dependent in DependentsOf(uid))
            {
                enqueue(dependent);
            }
        }

        foreach (var owner in obj.Metadata.OwnerReferences ?? [])
        {
            if (owner.Uid is { } ownerUid && _dependents.TryGetValue(ownerUid, out var set))
            {
                set.TryRemove(item, out _);
                if (set.IsEmpty)
                {
                    _dependents.TryRemove(ownerUid, out _);
                }

                // A foreground owner waits for this one: look at it again.
                if (_byUid.TryGetValue(ownerUid, out var ownerItem))
                {
                    enqueue(ownerItem);
                }
            }
        }
    }

    private static bool SameRefs(List<OwnerReference>? a, List<OwnerReference>? b) =>
        (a?.Count ?? 0) == (b?.Count ?? 0) && (a ?? []).Zip(b ?? []).All(p => p.First.Uid == p.Second.Uid && p.First.BlockOwnerDeletion == p.Second.BlockOwnerDeletion);
}
