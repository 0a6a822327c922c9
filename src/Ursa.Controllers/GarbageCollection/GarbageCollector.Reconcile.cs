using System.Text.Json;
using System.Text.Json.Nodes;
using Ursa.Client.Informers;
using Ursa.Client.Rest;

namespace Ursa.Controllers.GarbageCollection;

public sealed partial class GarbageCollector
{
    private async Task ReconcileAsync(string item, CancellationToken cancellationToken)
    {
        var bar = item.IndexOf('|');
        var kind = _kinds[item[..bar]];
        var obj = kind.Get(item[(bar + 1)..]);
        if (obj is null)
        {
            return;
        }

        if (OwnerRules.Deleting(obj, OwnerRules.OrphanFinalizer))
        {
            await OrphanDependentsAsync(kind, obj, cancellationToken).ConfigureAwait(false);
            return;
        }

        if (OwnerRules.Deleting(obj, OwnerRules.ForegroundFinalizer))
        {
            await DeleteDependentsAsync(kind, obj, cancellationToken).ConfigureAwait(false);
        }

        await CheckOwnersAsync(kind, obj, item, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Background half: an object all of whose owners are gone is deleted; dangling references to some are dropped.</summary>
    private async Task CheckOwnersAsync(ITrackedResource kind, KubeObject obj, string item, CancellationToken cancellationToken)
    {
        var meta = obj.Metadata;
        if (meta.DeletionTimestamp is not null || meta.OwnerReferences is not { Count: > 0 } refs)
        {
            return;
        }

        // The cache says which owners might be gone; a live read confirms it before anything is deleted.
        var gone = new HashSet<string>(StringComparer.Ordinal);
        foreach (var owner in refs)
        {
            if (owner.Uid is not { } uid || _graph.Has(uid, meta.Tenant) || !_kinds.TryGetValue(owner.Kind ?? string.Empty, out var ownerKind))
            {
                continue;
            }

            var live = await ownerKind.LookupAsync(meta.Tenant, meta.Namespace, owner.Name!, cancellationToken).ConfigureAwait(false);
            if (live is null || live.Metadata.Uid != uid)
            {
                gone.Add(uid);
            }
        }

        switch (OwnerRules.Judge(obj, r => r.Uid is not null && gone.Contains(r.Uid)))
        {
            case OwnerVerdict.Delete:
                Log.DeletingDangling(_logger, item);
                await DeleteAsync(kind, obj, "Background", cancellationToken).ConfigureAwait(false);
                break;
            case OwnerVerdict.RemoveDanglingReferences:
                await SetOwnerReferencesAsync(kind, obj, OwnerRules.Without(obj, gone), cancellationToken).ConfigureAwait(false);
                break;
        }
    }

    /// <summary>Foreground: delete every dependent (each in the foreground as well), release the owner once no blocking one is left.</summary>
    private async Task DeleteDependentsAsync(ITrackedResource kind, KubeObject owner, CancellationToken cancellationToken)
    {
        var dependents = Dependents(owner);
        foreach (var (dependentKind, dependent) in dependents.Where(d => d.Object.Metadata.DeletionTimestamp is null))
        {
            await DeleteAsync(dependentKind, dependent, "Foreground", cancellationToken).ConfigureAwait(false);
        }

        if (OwnerRules.ForegroundDone(owner, dependents.Select(d => d.Object)))
        {
            await RemoveFinalizerAsync(kind, owner, OwnerRules.ForegroundFinalizer, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Orphan: the dependents stop naming the owner, then the owner goes.</summary>
    private async Task OrphanDependentsAsync(ITrackedResource kind, KubeObject owner, CancellationToken cancellationToken)
    {
        var uid = new HashSet<string>(StringComparer.Ordinal) { owner.Metadata.Uid! };
        foreach (var (dependentKind, dependent) in Dependents(owner))
        {
            await SetOwnerReferencesAsync(dependentKind, dependent, OwnerRules.Without(dependent, uid), cancellationToken).ConfigureAwait(false);
        }

        await RemoveFinalizerAsync(kind, owner, OwnerRules.OrphanFinalizer, cancellationToken).ConfigureAwait(false);
    }

    private List<(ITrackedResource Kind, KubeObject Object)> Dependents(KubeObject owner)
    {
        var found = new List<(ITrackedResource, KubeObject)>();
        foreach (var item in _graph.DependentsOf(owner.Metadata.Uid!))
        {
            var bar = item.IndexOf('|');
            var kind = _kinds[item[..bar]];
            if (kind.Get(item[(bar + 1)..]) is { } dependent && dependent.Metadata.Tenant == owner.Metadata.Tenant
                && dependent.Metadata.OwnerReferences?.Any(r => r.Uid == owner.Metadata.Uid) == true)
            {
                found.Add((kind, dependent));
            }
        }

        return found;
    }

    private async Task DeleteAsync(ITrackedResource kind, KubeObject obj, string propagation, CancellationToken cancellationToken)
    {
        try
        {
            var options = new DeleteOptions { PropagationPolicy = propagation, Preconditions = new Preconditions { Uid = obj.Metadata.Uid } };
            await _client.DeleteAsync(kind.Resource, obj.Metadata.Tenant, obj.Metadata.Namespace, obj.Metadata.Name!, options, cancellationToken).ConfigureAwait(false);
        }
        catch (ApiStatusException e) when (e.IsNotFound || e.IsConflict)
        {
            // Gone already, or a new object under the same name: not ours to delete.
        }
    }

    private async Task SetOwnerReferencesAsync(ITrackedResource kind, KubeObject obj, List<OwnerReference>? refs, CancellationToken cancellationToken)
    {
        var metadata = new JsonObject
        {
            ["resourceVersion"] = obj.Metadata.ResourceVersion,
            ["ownerReferences"] = refs is null ? null : JsonSerializer.SerializeToNode(refs, Api.Serialization.UrsaJsonContext.Default.ListOwnerReference),
        };
        await PatchMetadataAsync(kind, obj, metadata, cancellationToken).ConfigureAwait(false);
    }

    private async Task RemoveFinalizerAsync(ITrackedResource kind, KubeObject obj, string finalizer, CancellationToken cancellationToken)
    {
        var left = (obj.Metadata.Finalizers ?? []).Where(f => f != finalizer).ToList();
        var metadata = new JsonObject
        {
            ["resourceVersion"] = obj.Metadata.ResourceVersion,
            ["finalizers"] = left.Count == 0 ? null : new JsonArray([.. left.Select(f => (JsonNode)f)]),
        };
        await PatchMetadataAsync(kind, obj, metadata, cancellationToken).ConfigureAwait(false);
        Log.Released(_logger, $"{kind.Kind}|{ObjectKeys.Of(obj)}", finalizer);
    }

    /// <summary>A merge patch of metadata guarded by resourceVersion: a conflict means the cache was stale; the newer version re-queues the item.</summary>
    private async Task PatchMetadataAsync(ITrackedResource kind, KubeObject obj, JsonObject metadata, CancellationToken cancellationToken)
    {
        var patch = new JsonObject { ["metadata"] = metadata }.ToJsonString();
        try
        {
            await kind.PatchAsync(obj, patch, cancellationToken).ConfigureAwait(false);
        }
        catch (ApiStatusException e) when (e.IsNotFound)
        {
        }
    }
}
