using System.Text.Json;
using Ursa.ApiServer.Errors;
using Ursa.ApiServer.Resources;
using Ursa.ApiServer.Storage;
using Ursa.Storage;

namespace Ursa.ApiServer.Registry;

public sealed partial class ObjectRegistry
{
    public const string OrphanFinalizer = "orphan";
    public const string ForegroundFinalizer = "foregroundDeletion";

    /// <summary>
    /// Deletes an object: at once when nothing holds it; otherwise marks it with a deletionTimestamp (finalizers
    /// pending, or a pod on a node that must stop gracefully) and returns the marked object.
    /// </summary>
    public async Task<WriteResult> DeleteAsync(ResourceDefinition resource, string? tenant, string? ns, string name, DeleteOptions options, bool dryRun, CancellationToken cancellationToken)
    {
        var key = StorageKeys.ObjectKey(resource, tenant, ns, name);
        for (var attempt = 1; ; attempt++)
        {
            var (current, entry) = await GetAsync(resource, tenant, ns, name, cancellationToken).ConfigureAwait(false);
            CheckPreconditions(resource, current, options);
            var meta = current.Metadata;
            var finalizers = new List<string>(meta.Finalizers ?? []);
            switch (options.PropagationPolicy ?? (options.OrphanDependents == true ? "Orphan" : "Background"))
            {
                case "Orphan":
                    AddOnce(finalizers, OrphanFinalizer);
                    break;
                case "Foreground":
                    AddOnce(finalizers, ForegroundFinalizer);
                    break;
                case "Background":
                    break;
                case var other:
                    throw ApiErrors.BadRequest($"unsupported propagationPolicy \"{other}\": must be Orphan, Foreground or Background");
            }

            var grace = GracePeriod(current, options);
            if (finalizers.Count == 0 && grace == 0 && !DeletionRules.HasSpecFinalizers(current))
            {
                if (dryRun)
                {
                    return new WriteResult(current, JsonSerializer.SerializeToUtf8Bytes(current, resource.TypeInfo), Removed: true);
                }

                try
                {
                    var deleted = await store.DeleteAsync(key, entry.ModRevision, cancellationToken).ConfigureAwait(false);
                    return new WriteResult(current, ResourceVersionStamp.Apply(deleted.Value.Span, deleted.ModRevision), Removed: true);
                }
                catch (RevisionConflictException) when (attempt < MaxUpdateAttempts)
                {
                    continue;
                }
                catch (KeyNotFoundInStoreException)
                {
                    throw ApiErrors.NotFound(resource, name);
                }
            }

            if (meta.DeletionTimestamp is not null && finalizers.SequenceEqual(meta.Finalizers ?? []) && (grace >= (meta.DeletionGracePeriodSeconds ?? 0)))
            {
                // Already being deleted, and this request asks for nothing new.
                return new WriteResult(current, JsonSerializer.SerializeToUtf8Bytes(current, resource.TypeInfo));
            }

            var now = time.GetUtcNow();
            meta.DeletionTimestamp = meta.DeletionTimestamp is { } existing && existing <= now.AddSeconds(grace) ? existing : now.AddSeconds(grace);
            meta.DeletionGracePeriodSeconds = grace;
            meta.Finalizers = finalizers.Count == 0 ? null : finalizers;
            if (current is Namespace terminating)
            {
                terminating.Status ??= new NamespaceStatus();
                terminating.Status.Phase = "Terminating";
            }
            if (dryRun)
            {
                return new WriteResult(current, JsonSerializer.SerializeToUtf8Bytes(current, resource.TypeInfo));
            }

            try
            {
                var stored = await store.UpdateAsync(key, ObjectCodec.EncodeForStorage(resource, current), entry.ModRevision, cancellationToken).ConfigureAwait(false);
                return Stored(current, stored);
            }
            catch (RevisionConflictException) when (attempt < MaxUpdateAttempts)
            {
            }
            catch (KeyNotFoundInStoreException)
            {
                throw ApiErrors.NotFound(resource, name);
            }
        }
    }

    private static void CheckPreconditions(ResourceDefinition resource, KubeObject current, DeleteOptions options)
    {
        var name = current.Metadata.Name!;
        if (options.Preconditions?.Uid is { Length: > 0 } uid && uid != current.Metadata.Uid)
        {
            throw ApiErrors.Conflict(resource, name, $"Precondition failed: UID in precondition: {uid}, UID in object meta: {current.Metadata.Uid}");
        }

        if (options.Preconditions?.ResourceVersion is { Length: > 0 } rv && rv != current.Metadata.ResourceVersion)
        {
            throw ApiErrors.Conflict(resource, name, $"Precondition failed: ResourceVersion in precondition: {rv}, ResourceVersion in object meta: {current.Metadata.ResourceVersion}");
        }
    }

    /// <summary>
    /// Pods bound to a node stop gracefully (the node agent confirms with a zero-grace delete); everything else,
    /// and unbound pods, go at once. A negative or missing request grace falls back to the pod's own.
    /// </summary>
    private static long GracePeriod(KubeObject current, DeleteOptions options)
    {
        if (current is not Pod pod || string.IsNullOrEmpty(pod.Spec?.NodeName) || pod.Status?.Phase is "Succeeded" or "Failed")
        {
            return 0;
        }

        var grace = options.GracePeriodSeconds is >= 0 ? options.GracePeriodSeconds.Value : pod.Spec.TerminationGracePeriodSeconds ?? 30;
        if (current.Metadata.DeletionGracePeriodSeconds is { } existing && existing < grace)
        {
            grace = existing;
        }

        return grace;
    }

    private static void AddOnce(List<string> finalizers, string finalizer)
    {
        if (!finalizers.Contains(finalizer))
        {
            finalizers.Add(finalizer);
        }
    }
}
