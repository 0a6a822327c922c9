using System.Globalization;
using System.Text.Json;
using Ursa.ApiServer.Caching;
using Ursa.ApiServer.Errors;
using Ursa.ApiServer.Resources;
using Ursa.ApiServer.Storage;
using Ursa.ApiServer.Validation;
using Ursa.Storage;

namespace Ursa.ApiServer.Registry;

/// <summary>
/// The write path (Kubernetes' generic registry): metadata rules, strategy defaults and validation, preconditions,
/// graceful deletion and finalizers, on top of the store. Nothing reaches the store unless every check passed.
/// </summary>
public sealed partial class ObjectRegistry(ResourceCatalog catalog, IStore store, TimeProvider time)
{
    /// <summary>
    /// Reads from memory (the watch caches): tenants and namespaces for the existence check every create makes, and
    /// the first guess of an update's current object. A miss falls back to the store, so a namespace created a
    /// moment ago is still found; a stale guess costs one more attempt (see <see cref="UpdateAsync"/>).
    /// </summary>
    public Func<ResourceDefinition, string, CachedObject?>? CachedLookup { get; set; }

    /// <summary>Attempts of an update whose mutation is re-applied on a concurrent write (patch, unconditional put).</summary>
    public const int MaxUpdateAttempts = 16;

    public ResourceCatalog Catalog => catalog;

    public IStore Store => store;

    public async Task<(KubeObject Object, StoreEntry Entry)> GetAsync(ResourceDefinition resource, string? tenant, string? ns, string name, CancellationToken cancellationToken)
    {
        var key = StorageKeys.ObjectKey(resource, tenant, ns, name);
        var entry = await store.GetAsync(key, cancellationToken).ConfigureAwait(false) ?? throw ApiErrors.NotFound(resource, name);
        return (ObjectCodec.DecodeStored(resource, entry.Value.Span, entry.ModRevision), entry);
    }

    public async Task<WriteResult> CreateAsync(ResourceDefinition resource, string? tenant, string? ns, KubeObject obj, bool dryRun, CancellationToken cancellationToken)
    {
        await EnsureScopeExistsAsync(resource, tenant, ns, cancellationToken).ConfigureAwait(false);
        var meta = obj.Metadata;
        var generated = string.IsNullOrEmpty(meta.Name) && !string.IsNullOrEmpty(meta.GenerateName);
        for (var attempt = 0; ; attempt++)
        {
            if (generated)
            {
                meta.Name = ObjectNames.Generate(meta.GenerateName!);
            }

            meta.Tenant = resource.Scope == ResourceScope.Cluster ? null : tenant;
            meta.Namespace = resource.IsNamespaced ? ns : null;
            meta.Uid = ObjectNames.NewUid();
            meta.HashKey = ObjectNames.HashKey(meta.Uid);
            meta.CreationTimestamp = time.GetUtcNow();
            meta.Generation = 1;
            meta.ResourceVersion = null;
            meta.DeletionTimestamp = null;
            meta.DeletionGracePeriodSeconds = null;
            meta.SelfLink = null;
            resource.Strategy.PrepareForCreate(obj);
            Validate(resource, obj, old: null);
            if (dryRun)
            {
                return new WriteResult(obj, JsonSerializer.SerializeToUtf8Bytes(obj, resource.TypeInfo));
            }

            var key = StorageKeys.ObjectKey(resource, tenant, ns, meta.Name!);
            try
            {
                var entry = await store.CreateAsync(key, ObjectCodec.EncodeForStorage(resource, obj), cancellationToken).ConfigureAwait(false);
                return Stored(obj, entry);
            }
            catch (KeyExistsException) when (generated && attempt < 8)
            {
                // A generated name collided (1 in 14 million per pair); draw another.
            }
            catch (KeyExistsException)
            {
                throw ApiErrors.AlreadyExists(resource, meta.Name!);
            }
        }
    }

    /// <summary>
    /// Reads the object, applies <paramref name="mutate"/> and writes the result with the read revision as
    /// precondition, retrying on a concurrent write. <paramref name="mutate"/> returns the desired object; it may
    /// throw <see cref="ApiException"/> (e.g. a stale resourceVersion in a PUT body is a 409, not a retry).
    /// </summary>
    /// <remarks>
    /// The first attempt starts from the watch cache's copy when it has one (kube-apiserver's
    /// GuaranteedUpdate does the same with its cached object): the write is guarded by that copy's revision, so a
    /// stale copy can only cost a conflict, after which every attempt reads the store. A failure of
    /// <paramref name="mutate"/> or of the update rules on the cached copy is not trusted either: it is re-checked
    /// against the store's object before it reaches the client. This saves a store read (on etcd a Range round
    /// trip) and a decode per update; with the bind changes, the server's CPU per bound pod fell 17% in bench scheduler.
    /// </remarks>
    public Task<WriteResult> UpdateAsync(
        ResourceDefinition resource, string? tenant, string? ns, string name, string? subresource,
        Func<KubeObject, KubeObject> mutate, bool dryRun, CancellationToken cancellationToken) =>
        // pods/binding changes only what its mutation sets and is not re-validated (as Kubernetes' BindingREST),
        // so the mutation may work on the only decoded copy; everything else compares against an untouched one.
        UpdateCoreAsync(resource, tenant, ns, name, subresource, (current, json, revision) => mutate(subresource == "binding" ? current : ObjectCodec.DecodeStored(resource, json.Span, revision)), skipNoOp: false, dryRun, cancellationToken);

    /// <summary>The loop of <see cref="UpdateAsync"/>; <paramref name="mutate"/> gets the decoded current object and its JSON.</summary>
    /// <param name="skipNoOp">
    /// When the result encodes to exactly the stored bytes, answer with the stored object and write nothing (no new
    /// resourceVersion, no watch event), as Kubernetes' GuaranteedUpdate does; only on bytes read from the store,
    /// since a cached copy may be behind it.
    /// </param>
    private async Task<WriteResult> UpdateCoreAsync(
        ResourceDefinition resource, string? tenant, string? ns, string name, string? subresource,
        Func<KubeObject, ReadOnlyMemory<byte>, long, KubeObject> mutate, bool skipNoOp, bool dryRun, CancellationToken cancellationToken)
    {
        var key = StorageKeys.ObjectKey(resource, tenant, ns, name);
        // A dry run answers with what the store's object would become, so it does not start from a guess.
        var cached = dryRun ? null : CachedLookup?.Invoke(resource, key);
        for (var attempt = 1; ; attempt++)
        {
            var fromCache = cached is not null;
            (ReadOnlyMemory<byte> json, long revision) = fromCache ? (cached!.Json, cached.Revision) : await ReadForUpdateAsync(resource, key, name, cancellationToken).ConfigureAwait(false);
            cached = null;
            var current = ObjectCodec.DecodeStored(resource, json.Span, revision);
            KubeObject updated;
            try
            {
                updated = MergeForUpdate(resource, current, mutate(current, json, revision), subresource);
            }
            catch (ApiException) when (fromCache)
            {
                continue;
            }

            if (dryRun)
            {
                return new WriteResult(updated, JsonSerializer.SerializeToUtf8Bytes(updated, resource.TypeInfo));
            }

            try
            {
                if (updated.Metadata.DeletionTimestamp is not null && !DeletionRules.IsHeld(updated))
                {
                    var deleted = await store.DeleteAsync(key, revision, cancellationToken).ConfigureAwait(false);
                    return Stored(updated, deleted) with { Removed = true };
                }

                var encoded = ObjectCodec.EncodeForStorage(resource, updated);
                if (skipNoOp && SameAsCurrent(encoded, json.Span, revision, stamped: fromCache))
                {
                    if (fromCache)
                    {
                        // Unchanged against a copy that may be behind: confirm against the store's bytes.
                        continue;
                    }

                    return Stored(updated, new StoreEntry(key, encoded, 0, revision));
                }

                var stored = await store.UpdateAsync(key, encoded, revision, cancellationToken).ConfigureAwait(false);
                return Stored(updated, stored);
            }
            catch (RevisionConflictException) when (fromCache || attempt < MaxUpdateAttempts)
            {
                // Someone wrote in between (or the cached copy was behind): re-read and re-apply the mutation.
            }
            catch (RevisionConflictException)
            {
                throw ApiErrors.StaleResourceVersion(resource, name);
            }
            catch (KeyNotFoundInStoreException) when (fromCache)
            {
                // Deleted since the cache saw it: the store's read says NotFound itself.
            }
            catch (KeyNotFoundInStoreException)
            {
                throw ApiErrors.NotFound(resource, name);
            }
        }
    }

    private async Task<(ReadOnlyMemory<byte> Json, long Revision)> ReadForUpdateAsync(ResourceDefinition resource, string key, string name, CancellationToken cancellationToken)
    {
        var entry = await store.GetAsync(key, cancellationToken).ConfigureAwait(false) ?? throw ApiErrors.NotFound(resource, name);
        return (entry.Value, entry.ModRevision);
    }

    /// <summary>
    /// True when <paramref name="encoded"/> is what is stored. The watch cache's copy carries
    /// <c>"resourceVersion":"N",</c> that stored bytes lack, so only a length that fits is worth stamping and comparing.
    /// </summary>
    private static bool SameAsCurrent(byte[] encoded, ReadOnlySpan<byte> current, long revision, bool stamped)
    {
        if (!stamped)
        {
            return encoded.AsSpan().SequenceEqual(current);
        }

        var extra = current.Length - encoded.Length;
        return extra is > 20 and < 44 && ResourceVersionStamp.Apply(encoded, revision).AsSpan().SequenceEqual(current);
    }

    /// <summary>The result of a write, served from the bytes just stored (no second serialization).</summary>
    private static WriteResult Stored(KubeObject obj, StoreEntry entry)
    {
        obj.Metadata.ResourceVersion = entry.ModRevision.ToString(CultureInfo.InvariantCulture);
        return new WriteResult(obj, ResourceVersionStamp.Apply(entry.Value.Span, entry.ModRevision));
    }


    private void Validate(ResourceDefinition resource, KubeObject obj, KubeObject? old)
    {
        var errors = new FieldErrorList();
        MetadataValidator.Validate(obj.Metadata, errors);
        resource.Strategy.Validate(obj, errors);
        if (old is not null)
        {
            resource.Strategy.ValidateUpdate(obj, old, errors);
        }

        if (!errors.IsEmpty)
        {
            throw ApiErrors.Invalid(resource, obj.Metadata.Name ?? obj.Metadata.GenerateName ?? string.Empty, errors.Causes);
        }
    }

    private async Task EnsureScopeExistsAsync(ResourceDefinition resource, string? tenant, string? ns, CancellationToken cancellationToken)
    {
        if (resource.Scope == ResourceScope.Cluster)
        {
            return;
        }

        var tenants = catalog.Get(string.Empty, "tenants");
        if (await ReadScopeAsync(tenants, StorageKeys.ObjectKey(tenants, null, null, tenant!), cancellationToken).ConfigureAwait(false) is null)
        {
            throw ApiErrors.TenantNotFound(tenant!);
        }

        if (!resource.IsNamespaced)
        {
            return;
        }

        var namespaces = catalog.Get(string.Empty, "namespaces");
        var json = await ReadScopeAsync(namespaces, StorageKeys.ObjectKey(namespaces, tenant, null, ns!), cancellationToken).ConfigureAwait(false)
            ?? throw ApiErrors.NamespaceNotFound(ns!);
        var namespaceObject = ObjectCodec.Decode(namespaces, json);
        if (namespaceObject.Metadata.DeletionTimestamp is not null)
        {
            throw new ApiException(System.Net.HttpStatusCode.Forbidden, "Forbidden", $"{resource.QualifiedPlural} is forbidden: unable to create new content in namespace {ns} because it is being terminated");
        }
    }

    private async Task<byte[]?> ReadScopeAsync(ResourceDefinition resource, string key, CancellationToken cancellationToken)
    {
        if (CachedLookup?.Invoke(resource, key) is { } cached)
        {
            return cached.Json;
        }

        var entry = await store.GetAsync(key, cancellationToken).ConfigureAwait(false);
        return entry?.Value.ToArray();
    }
}
