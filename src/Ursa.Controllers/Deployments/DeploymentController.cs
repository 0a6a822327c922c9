using Microsoft.Extensions.Logging;
using Ursa.Client.Informers;
using Ursa.Client.Queues;
using Ursa.Client.Rest;

namespace Ursa.Controllers.Deployments;

/// <summary>
/// Rolls Deployments out through ReplicaSets named <c>{deployment}-{pod-template-hash}</c>: a template change makes
/// a new ReplicaSet that grows while the old ones shrink within maxSurge/maxUnavailable (or, for Recreate, after
/// they are gone); a template equal to an old ReplicaSet's (a rollback) revives that ReplicaSet under a new
/// revision. Level-triggered: Deployment and ReplicaSet changes enqueue the Deployment's key; a worker plans one
/// step from the caches (<see cref="RolloutPlanner"/>) and writes status (<see cref="DeploymentStatusCalculator"/>).
/// </summary>
public sealed partial class DeploymentController : IInformerHandler<Deployment>, IInformerHandler<ReplicaSet>
{
    private readonly IApiClient _client;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Informer<Deployment> _deployments;
    private readonly Informer<ReplicaSet> _sets;
    private readonly WorkQueue<string> _queue;

    public DeploymentController(IApiClient client, SharedInformers informers, TimeProvider time, ILogger logger)
    {
        _client = client;
        _time = time;
        _logger = logger;
        _queue = new WorkQueue<string>(time);
        _deployments = informers.For<Deployment>(ResourceRef.Deployments, new ListOptions { Tenant = "all" });
        _sets = informers.For<ReplicaSet>(ResourceRef.ReplicaSets, new ListOptions { Tenant = "all" });
        _deployments.AddHandler(this);
        _sets.AddHandler(this);
    }

    public Task RunAsync(CancellationToken cancellationToken, int workers = 2) =>
        KeyedWorkers.RunControllerAsync(_queue, [_deployments.Synced, _sets.Synced], ReconcileAsync, "Deployment", _logger, workers, cancellationToken);

    public void OnAdd(Deployment obj) => _queue.Add(ObjectKeys.Of(obj));

    public void OnUpdate(Deployment oldObj, Deployment newObj) => _queue.Add(ObjectKeys.Of(newObj));

    public void OnDelete(Deployment obj)
    {
    }

    public void OnAdd(ReplicaSet obj) => SetChanged(obj);

    public void OnUpdate(ReplicaSet oldObj, ReplicaSet newObj) => SetChanged(newObj);

    public void OnDelete(ReplicaSet obj) => SetChanged(obj);

    private void SetChanged(ReplicaSet set)
    {
        if (set.Metadata.OwnerReferences?.FirstOrDefault(o => o.Controller == true && o.Kind == "Deployment") is { } owner)
        {
            _queue.Add(ObjectKeys.Of(set.Metadata.Tenant, set.Metadata.Namespace, owner.Name!));
        }
    }

    /// <summary>The Deployment's live ReplicaSets (controlled by its uid), oldest first.</summary>
    private List<ReplicaSet> OwnedSets(Deployment deployment) =>
        _sets.List().Where(s =>
                s.Metadata.Tenant == deployment.Metadata.Tenant && s.Metadata.Namespace == deployment.Metadata.Namespace
                && s.Metadata.DeletionTimestamp is null
                && s.Metadata.OwnerReferences?.Any(o => o.Controller == true && o.Uid == deployment.Metadata.Uid) == true)
            .OrderBy(s => s.Metadata.CreationTimestamp)
            .ThenBy(s => s.Metadata.Name, StringComparer.Ordinal)
            .ToList();

    private static partial class Log
    {
        [LoggerMessage(420, LogLevel.Information, "Deployment {Key}: created ReplicaSet {Set} (revision {Revision}, {Replicas} replicas)")]
        public static partial void CreatedSet(ILogger logger, string key, string set, long revision, int replicas);

        [LoggerMessage(421, LogLevel.Debug, "Deployment {Key}: scaled ReplicaSet {Set} to {Replicas}")]
        public static partial void Scaled(ILogger logger, string key, string set, int replicas);

        [LoggerMessage(422, LogLevel.Debug, "Deployment {Key}: deleted old ReplicaSet {Set} (revision history limit)")]
        public static partial void PrunedSet(ILogger logger, string key, string set);
    }
}
