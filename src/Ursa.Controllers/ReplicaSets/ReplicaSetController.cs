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

    public ReplicaSetController(IApiClient client, SharedInformers informers, TimeProvider time, ILogger logger)
    {
        _client = client;
        _time = time;
        _logger = logger;
        _queue = new WorkQueue<string>(time);
        _podEvents = new OwnedPodEvents("ReplicaSet", _queue, _expectations);
        _sets = informers.For<ReplicaSet>(ResourceRef.ReplicaSets, new ListOptions { Tenant = "all" });
        _pods = informers.For<Pod>(ResourceRef.Pods, new ListOptions { Tenant = "all" });
        _sets.AddHandler(this);
        _pods.AddHandler(this);
    }

    public Task RunAsync(CancellationToken cancellationToken, int workers = 2) =>
        KeyedWorkers.RunControllerAsync(_queue, [_sets.Synced, _pods.Synced], ReconcileAsync, "ReplicaSet", _logger, workers, cancellationToken);

    public void OnAdd(ReplicaSet obj) => _queue.Add(ObjectKeys.Of(obj));

    public void OnUpdate(ReplicaSet oldObj, ReplicaSet newObj) => _queue.Add(ObjectKeys.Of(newObj));

    public void OnDelete(ReplicaSet obj) => _expectations.TryRemove(ObjectKeys.Of(obj), out _);

    public void OnAdd(Pod obj) => _podEvents.Changed(obj, created: true);

    public void OnUpdate(Pod oldObj, Pod newObj) => _podEvents.Changed(newObj, created: false);

    public void OnDelete(Pod obj) => _podEvents.Deleted(obj);

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
        [LoggerMessage(401, LogLevel.Debug, "ReplicaSet {Key}: {Have} pods, want {Want}")]
        public static partial void Scaling(ILogger logger, string key, int have, int want);
    }
}
