using Microsoft.Extensions.Logging;
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

    public GarbageCollector(IApiClient client, TimeProvider time, ILogger logger)
    {
        _client = client;
        _logger = logger;
        _queue = new WorkQueue<string>(time);
        _graph = new ObjectGraph(_queue.Add);
        ITrackedResource[] kinds =
        [
            new TrackedResource<Deployment>(client, "Deployment", ResourceRef.Deployments, _graph, time, logger),
            new TrackedResource<ReplicaSet>(client, "ReplicaSet", ResourceRef.ReplicaSets, _graph, time, logger),
            new TrackedResource<Job>(client, "Job", ResourceRef.Jobs, _graph, time, logger),
            new TrackedResource<Pod>(client, "Pod", ResourceRef.Pods, _graph, time, logger),
        ];
        _kinds = kinds.ToDictionary(k => k.Kind, StringComparer.Ordinal);
    }

    public async Task RunAsync(CancellationToken cancellationToken, int workers = 2)
    {
        var informers = Task.WhenAll(_kinds.Values.Select(k => k.RunAsync(cancellationToken)));
        try
        {
            await Task.WhenAll(_kinds.Values.Select(k => k.Synced)).WaitAsync(cancellationToken).ConfigureAwait(false);
            await KeyedWorkers.RunAsync(_queue, ReconcileAsync, "GarbageCollector", _logger, workers, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        finally
        {
            _queue.ShutDown();
            await informers.ConfigureAwait(false);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(440, LogLevel.Information, "Garbage collector: deleting {Item}, its owners are gone")]
        public static partial void DeletingDangling(ILogger logger, string item);

        [LoggerMessage(441, LogLevel.Information, "Garbage collector: {Item} released ({Finalizer} done)")]
        public static partial void Released(ILogger logger, string item, string finalizer);
    }
}
