using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Ursa.Client.Informers;
using Ursa.Client.Queues;
using Ursa.Client.Rest;
using LabelQuery = Ursa.ApiMachinery.Selectors.LabelSelector;

namespace Ursa.Controllers.ReplicaSets;

/// <summary>
/// Keeps each ReplicaSet's number of live pods (container or VM pods alike) at spec.replicas. Level-triggered:
/// handlers only enqueue the ReplicaSet's key; a worker compares desired and actual from the informer caches and
/// creates or deletes the difference. Expectations (creates and deletes issued but not yet seen in the cache)
/// stop a second pass from acting twice on the same gap.
/// </summary>
public sealed partial class ReplicaSetController : IInformerHandler<ReplicaSet>, IInformerHandler<Pod>
{
    /// <summary>How long an unobserved create or delete is expected before the controller acts again anyway.</summary>
    public static readonly TimeSpan ExpectationTimeout = TimeSpan.FromSeconds(30);

    private readonly IApiClient _client;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Informer<ReplicaSet> _sets;
    private readonly Informer<Pod> _pods;
    private readonly WorkQueue<string> _queue;
    private readonly ConcurrentDictionary<string, Expectation> _expectations = new(StringComparer.Ordinal);
    private readonly OwnedPodEvents _podEvents;

    public ReplicaSetController(IApiClient client, TimeProvider time, ILogger logger)
    {
        _client = client;
        _time = time;
        _logger = logger;
        _queue = new WorkQueue<string>(time);
        _podEvents = new OwnedPodEvents("ReplicaSet", _queue, _expectations);
        _sets = new Informer<ReplicaSet>(client, ResourceRef.ReplicaSets, new ListOptions { Tenant = "all" }, time, logger);
        _pods = new Informer<Pod>(client, ResourceRef.Pods, new ListOptions { Tenant = "all" }, time, logger);
        _sets.AddHandler(this);
        _pods.AddHandler(this);
    }

    public async Task RunAsync(CancellationToken cancellationToken, int workers = 2)
    {
        var informers = Task.WhenAll(_sets.RunAsync(cancellationToken), _pods.RunAsync(cancellationToken));
        try
        {
            await Task.WhenAll(_sets.Synced, _pods.Synced).WaitAsync(cancellationToken).ConfigureAwait(false);
            await Task.WhenAll(Enumerable.Range(0, workers).Select(_ => WorkAsync(cancellationToken))).ConfigureAwait(false);
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

    public void OnAdd(ReplicaSet obj) => _queue.Add(ObjectKeys.Of(obj));

    public void OnUpdate(ReplicaSet oldObj, ReplicaSet newObj) => _queue.Add(ObjectKeys.Of(newObj));

    public void OnDelete(ReplicaSet obj) => _expectations.TryRemove(ObjectKeys.Of(obj), out _);

    public void OnAdd(Pod obj) => _podEvents.Changed(obj, created: true);

    public void OnUpdate(Pod oldObj, Pod newObj) => _podEvents.Changed(newObj, created: false);

    public void OnDelete(Pod obj) => _podEvents.Deleted(obj);

    private async Task WorkAsync(CancellationToken cancellationToken)
    {
        while (await _queue.TakeAsync(cancellationToken).ConfigureAwait(false) is { } key)
        {
            try
            {
                await ReconcileAsync(key, cancellationToken).ConfigureAwait(false);
                _queue.Forget(key);
            }
            catch (Exception e) when (e is ApiStatusException or HttpRequestException or IOException)
            {
                Log.ReconcileFailed(_logger, key, e.Message);
                _queue.AddRateLimited(key);
            }
            finally
            {
                _queue.Done(key);
            }
        }
    }

    private List<Pod> OwnedActivePods(ReplicaSet set)
    {
        var selector = LabelQuery.FromMatch(set.Spec?.Selector?.MatchLabels, set.Spec?.Selector?.MatchExpressions?.Select(e => new ApiMachinery.Selectors.LabelSelectorExpression(e.Key ?? string.Empty, e.Operator ?? string.Empty, e.Values)));
        return _pods.List().Where(p =>
                p.Metadata.Tenant == set.Metadata.Tenant && p.Metadata.Namespace == set.Metadata.Namespace
                && p.Metadata.DeletionTimestamp is null && p.Status?.Phase is not ("Succeeded" or "Failed")
                && p.Metadata.OwnerReferences?.Any(o => o.Controller == true && o.Uid == set.Metadata.Uid) == true
                && selector.Matches(p.Metadata.Labels))
            .ToList();
    }

    private static partial class Log
    {
        [LoggerMessage(400, LogLevel.Warning, "ReplicaSet {Key}: reconcile failed ({Reason}); retrying with back-off")]
        public static partial void ReconcileFailed(ILogger logger, string key, string reason);

        [LoggerMessage(401, LogLevel.Debug, "ReplicaSet {Key}: {Have} pods, want {Want}")]
        public static partial void Scaling(ILogger logger, string key, int have, int want);
    }
}
