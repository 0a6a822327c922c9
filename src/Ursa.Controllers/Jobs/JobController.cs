using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Ursa.Client.Informers;
using Ursa.Client.Queues;
using Ursa.Client.Rest;

namespace Ursa.Controllers.Jobs;

/// <summary>
/// Runs Jobs to completion: keeps the right number of pods active, counts successes and failures, and marks the
/// Job Complete or Failed (<see cref="JobPlanner"/>). Same shape as the ReplicaSet controller: handlers enqueue
/// the Job's key, a worker reconciles from the caches, expectations stop double creates while the cache lags.
/// Pods carry the labels <c>job-name</c> and <c>controller-uid</c> (and their <c>batch.kubernetes.io/</c> forms).
/// </summary>
public sealed partial class JobController : IInformerHandler<Job>, IInformerHandler<Pod>
{
    private readonly IApiClient _client;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Informer<Job> _jobs;
    private readonly Informer<Pod> _pods;
    private readonly WorkQueue<string> _queue;
    private readonly ConcurrentDictionary<string, Expectation> _expectations = new(StringComparer.Ordinal);
    private readonly OwnedPodEvents _podEvents;

    public JobController(IApiClient client, SharedInformers informers, TimeProvider time, ILogger logger)
    {
        _client = client;
        _time = time;
        _logger = logger;
        _queue = new WorkQueue<string>(time);
        _podEvents = new OwnedPodEvents("Job", _queue, _expectations);
        _jobs = informers.For<Job>(ResourceRef.Jobs, new ListOptions { Tenant = "all" });
        _pods = informers.For<Pod>(ResourceRef.Pods, new ListOptions { Tenant = "all" });
        _jobs.AddHandler(this);
        _pods.AddHandler(this);
    }

    public Task RunAsync(CancellationToken cancellationToken, int workers = 2) =>
        KeyedWorkers.RunControllerAsync(_queue, [_jobs.Synced, _pods.Synced], ReconcileAsync, "Job", _logger, workers, cancellationToken);

    public void OnAdd(Job obj) => _queue.Add(ObjectKeys.Of(obj));

    public void OnUpdate(Job oldObj, Job newObj) => _queue.Add(ObjectKeys.Of(newObj));

    public void OnDelete(Job obj) => _expectations.TryRemove(ObjectKeys.Of(obj), out _);

    public void OnAdd(Pod obj) => _podEvents.Changed(obj, created: true);

    public void OnUpdate(Pod oldObj, Pod newObj) => _podEvents.Changed(newObj, created: false);

    public void OnDelete(Pod obj) => _podEvents.Deleted(obj);

    private List<Pod> OwnedPods(Job job) =>
        _pods.List().Where(p =>
                p.Metadata.Tenant == job.Metadata.Tenant && p.Metadata.Namespace == job.Metadata.Namespace
                && p.Metadata.OwnerReferences?.Any(o => o.Controller == true && o.Uid == job.Metadata.Uid) == true)
            .ToList();

    private static partial class Log
    {
        [LoggerMessage(430, LogLevel.Debug, "Job {Key}: creating {Create} pods, deleting {Delete}")]
        public static partial void Syncing(ILogger logger, string key, int create, int delete);

        [LoggerMessage(431, LogLevel.Information, "Job {Key}: {Condition}")]
        public static partial void Finished(ILogger logger, string key, string condition);

        [LoggerMessage(432, LogLevel.Debug, "Job {Key}: replacing failed pods after back-off of {Delay}")]
        public static partial void BackingOff(ILogger logger, string key, TimeSpan delay);
    }
}
