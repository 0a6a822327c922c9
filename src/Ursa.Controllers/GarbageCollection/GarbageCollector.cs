using Microsoft.Extensions.Logging;
using Ursa.Client.Informers;
using Ursa.Client.Queues;
using Ursa.Client.Rest;

namespace Ursa.Controllers.GarbageCollection;

/// <summary>
/// Deletes objects whose owners are gone, by ownerReferences uid, within one tenant (an owner is looked up only
/// in its dependent's tenant and namespace):
/// <list type="bullet">
/// <item>background: the owner is deleted at once; its dependents follow when the collector finds them dangling
/// (confirmed by a live read, not the cache, before deleting);</item>
/// <item>foreground: the API server marked the owner (deletionTimestamp + <c>foregroundDeletion</c>); the
/// collector deletes its dependents (in the foreground too) and removes the finalizer once none with
/// blockOwnerDeletion is left;</item>
/// <item>orphan: the owner carries the <c>orphan</c> finalizer; the collector removes the references to it
/// from its dependents, then the finalizer.</item>
/// </list>
/// Tracks the kinds Ursa's controllers own: Deployments, ReplicaSets, Jobs and pods. Owners of other kinds are
/// never judged gone.
/// </summary>
public sealed partial class GarbageCollector
{
    private readonly IApiClient _client;
    private readonly ILogger _logger;
    private readonly WorkQueue<string> _queue;
    private readonly ObjectGraph _graph;
    private readonly Dictionary<string, ITrackedResource> _kinds;

    public GarbageCollector(IApiClient client, SharedInformers informers, TimeProvider time, ILogger logger)
    {
        _client = client;
        _logger = logger;
        _queue = new WorkQueue<string>(time);
        _graph = new ObjectGraph(_queue.Add);
        ITrackedResource[] kinds =
        [
            new TrackedResource<Deployment>(client, informers, "Deployment", ResourceRef.Deployments, _graph),
            new TrackedResource<ReplicaSet>(client, informers, "ReplicaSet", ResourceRef.ReplicaSets, _graph),
            new TrackedResource<Job>(client, informers, "Job", ResourceRef.Jobs, _graph),
            new TrackedResource<Pod>(client, informers, "Pod", ResourceRef.Pods, _graph),
        ];
        _kinds = kinds.ToDictionary(k => k.Kind, StringComparer.Ordinal);
    }

    public Task RunAsync(CancellationToken cancellationToken, int workers = 2) =>
        KeyedWorkers.RunControllerAsync(_queue, _kinds.Values.Select(k => k.Synced), ReconcileAsync, "GarbageCollector", _logger, workers, cancellationToken);

    private static partial class Log
    {
        [LoggerMessage(440, LogLevel.Information, "Garbage collector: deleting {Item}, its owners are gone")]
        public static partial void DeletingDangling(ILogger logger, string item);

        [LoggerMessage(441, LogLevel.Information, "Garbage collector: {Item} released ({Finalizer} done)")]
        public static partial void Released(ILogger logger, string item, string finalizer);
    }
}
