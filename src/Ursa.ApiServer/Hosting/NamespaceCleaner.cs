using Microsoft.Extensions.Logging;
using Ursa.ApiMachinery.Selectors;
using Ursa.ApiServer.Caching;
using Ursa.ApiServer.Errors;
using Ursa.ApiServer.Registry;
using Ursa.ApiServer.Resources;
using Ursa.ApiServer.Storage;
using LabelQuery = Ursa.ApiMachinery.Selectors.LabelSelector;

namespace Ursa.ApiServer.Hosting;

/// <summary>
/// Empties terminating namespaces, then releases them (Kubernetes' namespace lifecycle). Level-triggered: on any
/// namespace change, and every few seconds, it reconciles every namespace that has a deletionTimestamp; the work
/// is idempotent, so a restart resumes where it stopped. Runs beside the API server until the controller
/// manager takes it over.
/// </summary>
public sealed partial class NamespaceCleaner(
    ObjectRegistry registry,
    IReadOnlyDictionary<ResourceDefinition, WatchCache> caches,
    TimeSpan resync,
    ILogger<NamespaceCleaner> logger)
{
    private readonly ResourceDefinition _namespaces = registry.Catalog.Get(string.Empty, "namespaces");

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var cache = caches[_namespaces];
        await cache.Ready.WaitAsync(cancellationToken).ConfigureAwait(false);
        var everything = new ObjectFilter(_namespaces, null, null, LabelQuery.Empty, FieldSelector.Empty);
        while (!cancellationToken.IsCancellationRequested)
        {
            using var changes = cache.Watch(everything, cache.Revision);
            try
            {
                while (!cancellationToken.IsCancellationRequested)
                {
                    await ReconcileAllAsync(cache, everything, cancellationToken).ConfigureAwait(false);
                    using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                    wait.CancelAfter(resync);
                    try
                    {
                        if (!await changes.Events.WaitToReadAsync(wait.Token).ConfigureAwait(false))
                        {
                            break;
                        }

                        while (changes.Events.TryRead(out _))
                        {
                        }
                    }
                    catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                    {
                        // Resync.
                    }
                }
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task ReconcileAllAsync(WatchCache cache, ObjectFilter everything, CancellationToken cancellationToken)
    {
        var (items, _) = cache.List(everything, _namespaces.KeyPrefix);
        foreach (var item in items)
        {
            var ns = (Namespace)ObjectCodec.Decode(_namespaces, item.Json);
            if (ns.Metadata.DeletionTimestamp is null)
            {
                continue;
            }

            try
            {
                await ReconcileAsync(item.Tenant!, item.Name, cancellationToken).ConfigureAwait(false);
            }
            catch (ApiException e)
            {
                Log.ReconcileFailed(logger, item.Tenant!, item.Name, e.Message);
            }
        }
    }

    private async Task ReconcileAsync(string tenant, string name, CancellationToken cancellationToken)
    {
        var remaining = 0;
        foreach (var resource in registry.Catalog.All.Where(r => r.IsNamespaced))
        {
            var filter = new ObjectFilter(resource, tenant, name, LabelQuery.Empty, FieldSelector.Empty);
            var (items, _) = caches[resource].List(filter, StorageKeys.ListPrefix(resource, tenant, name));
            foreach (var item in items)
            {
                try
                {
                    var result = await registry.DeleteAsync(resource, tenant, name, item.Name, new DeleteOptions(), dryRun: false, cancellationToken).ConfigureAwait(false);
                    if (!result.Removed)
                    {
                        remaining++;
                    }
                }
                catch (ApiException e) when (e.Reason == "NotFound")
                {
                }
            }
        }

        if (remaining > 0)
        {
            Log.Waiting(logger, tenant, name, remaining);
            return;
        }

        await registry.UpdateAsync(_namespaces, tenant, null, name, "finalize", current =>
        {
            var ns = (Namespace)current;
            ns.Spec?.Finalizers?.Remove(DeletionRules.NamespaceFinalizer);
            return ns;
        }, dryRun: false, cancellationToken).ConfigureAwait(false);
        Log.Released(logger, tenant, name);
    }

    private static partial class Log
    {
        [LoggerMessage(40, LogLevel.Information, "Namespace {Tenant}/{Namespace} is empty; released")]
        public static partial void Released(ILogger logger, string tenant, string @namespace);

        [LoggerMessage(41, LogLevel.Debug, "Namespace {Tenant}/{Namespace} waits for {Remaining} objects to finish deleting")]
        public static partial void Waiting(ILogger logger, string tenant, string @namespace, int remaining);

        [LoggerMessage(42, LogLevel.Warning, "Cleaning namespace {Tenant}/{Namespace} failed: {Reason}; retrying")]
        public static partial void ReconcileFailed(ILogger logger, string tenant, string @namespace, string reason);
    }
}
