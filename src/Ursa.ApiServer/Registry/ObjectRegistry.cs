using System.Globalization;
using System.Text.Json;
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
    /// Reads of tenants and namespaces from memory (the watch caches) for the existence check every create makes;
    /// a miss falls back to the store, so a namespace created a moment ago is still found.
    /// </summary>
    public Func<ResourceDefinition, string, byte[]?>? CachedLookup { get; set; }

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
    public async Task<WriteResult> UpdateAsync(
        ResourceDefinition resource, string? tenant, string? ns, string name, string? subresource,
        Func<KubeObject, KubeObject> mutate, bool dryRun, CancellationToken cancellationToken)
    {
        var key = StorageKeys.ObjectKey(resource, tenant, ns, name);
        for (var attempt = 1; ; attempt++)
        {
            var (current, entry) = await GetAsync(resource, tenant, ns, name, cancellationToken).ConfigureAwait(false);
            var desired = mutate(ObjectCodec.DecodeStored(resource, entry.Value.Span, entry.ModRevision));
            var updated = MergeForUpdate(resource, current, desired, subresource);
            if (dryRun)
            {
                return new WriteResult(updated, JsonSerializer.SerializeToUtf8Bytes(updated, resource.TypeInfo));
            }

            try
            {
                if (updated.Metadata.DeletionTimestamp is not null && !DeletionRules.IsHeld(updated))
                {
                    var deleted = await store.DeleteAsync(key, entry.ModRevision, cancellationToken).ConfigureAwait(false);
                    return Stored(updated, deleted) with { Removed = true };
                }

                var stored = await store.UpdateAsync(key, ObjectCodec.EncodeForStorage(resource, updated), entry.ModRevision, cancellationToken).ConfigureAwait(false);
                return Stored(updated, stored);
            }
            catch (RevisionConflictException) when (attempt < MaxUpdateAttempts)
            {
                // Someone wrote in between: re-read and re-apply the mutation.
            }
            catch (RevisionConflictException)
            {
                throw ApiErrors.StaleResourceVersion(resource, name);
            }
            catch (KeyNotFoundInStoreException)
            {
                throw ApiErrors.NotFound(resource, name);
            }
        }
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
            return cached;
        }

        var entry = await store.GetAsync(key, cancellationToken).ConfigureAwait(false);
        return entry?.Value.ToArray();
    }
}
