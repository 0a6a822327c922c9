using Microsoft.Extensions.Logging;
using Ursa.Client.Events;
using Ursa.Client.Informers;
using Ursa.Client.Queues;
using Ursa.Client.Rest;
using Ursa.Scheduler.Binding;
using Ursa.Scheduler.Cache;
using Ursa.Scheduler.Framework;
using Ursa.Scheduler.Plugins;

namespace Ursa.Scheduler;

/// <summary>
/// The scheduler: watches pods of every tenant and all nodes, decides one pod at a time against the cache
/// (assuming each choice at once), and writes bindings in parallel, coalesced into batches (<see cref="PodBinder"/>).
/// <code>
///   pod informer ─▶ queue ─▶ decide (filters, scores) ─▶ assume in cache ─▶ bind (parallel) ─▶ confirm / forget
///        ▲                       │ no node fits
///        └─ cluster changes ◀── parked as unschedulable (PodScheduled=False + event)
/// </code>
/// </summary>
public sealed partial class PodScheduler : IInformerHandler<Pod>, IInformerHandler<Node>, IInformerHandler<Namespace>
{
    private readonly IApiClient _client;
    private readonly SchedulerOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly SchedulerCache _cache = new();
    private readonly WorkQueue<string> _queue;
    private readonly HashSet<string> _unschedulable = new(StringComparer.Ordinal);
    private readonly HashSet<string> _waitingForPods = new(StringComparer.Ordinal);
    private readonly Lock _parkLock = new();
    private readonly SchedulingFramework _framework;
    private readonly SemaphoreSlim _binds;
    private readonly PodBinder _binder;
    private readonly Informer<Pod> _pods;
    private readonly Informer<Node> _nodes;
    private readonly Informer<Namespace> _namespaces;

    /// <summary>The informers this scheduler runs itself; null when its owner shares and runs them.</summary>
    private readonly SharedInformers? _ownInformers;
    private readonly EventRecorder _events;
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _scheduled;

    /// <param name="client">The API client binds, events and status writes go through.</param>
    /// <param name="options">Tuning.</param>
    /// <param name="time">The clock.</param>
    /// <param name="logger">The log.</param>
    /// <param name="sharedInformers">
    /// Informers shared with other components of this process (the controllers in <c>ursa server</c>), which the caller
    /// starts after every component took its own; null = the scheduler lists and watches on its own.
    /// </param>
    public PodScheduler(IApiClient client, SchedulerOptions options, TimeProvider time, ILogger logger, SharedInformers? sharedInformers = null)
    {
        options.Validate();
        _client = client;
        _options = options;
        _time = time;
        _logger = logger;
        _queue = new WorkQueue<string>(time);
        _binds = new SemaphoreSlim(options.MaxPendingBinds);
        _binder = new PodBinder(client, options.BindBatchSize, options.ParallelBindBatches);
        _framework = DefaultPlugins.CreateFramework(options.PackNodes);
        _ownInformers = sharedInformers is null ? new SharedInformers(client, time, logger) : null;
        var informers = sharedInformers ?? _ownInformers!;
        _pods = informers.For<Pod>(ResourceRef.Pods, new ListOptions { Tenant = "all" });
        _nodes = informers.For<Node>(ResourceRef.Nodes, ListOptions.Everything);
        _namespaces = informers.For<Namespace>(ResourceRef.Namespaces, new ListOptions { Tenant = "all" });
        _events = new EventRecorder(client, options.SchedulerName, time, writers: options.EventWriters);
        _pods.AddHandler(this);
        _nodes.AddHandler(this);
        _namespaces.AddHandler(this);
    }

    /// <summary>Completes when the scheduler has its first full view of nodes and pods and starts deciding.</summary>
    public Task Ready => _ready.Task;

    /// <summary>Bind requests sent so far (one per batch): <see cref="Scheduled"/> ÷ this is the mean batch size.</summary>
    public long BindRequests => _binder.Requests;

    /// <summary>Events dropped because they were recorded faster than written (the recorder's queue was full).</summary>
    public long EventsDropped => _events.Dropped;

    /// <summary>Events recorded and not yet written.</summary>
    public int EventsPending => _events.Pending;

    /// <summary>Pods bound so far by this scheduler.</summary>
    public long Scheduled => Interlocked.Read(ref _scheduled);

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var informers = _ownInformers?.RunAsync(cancellationToken) ?? Task.CompletedTask;
        var flush = Task.WhenAll(FlushUnschedulableAsync(cancellationToken), _events.RunAsync(cancellationToken), _binder.RunAsync(cancellationToken));
        try
        {
            await Task.WhenAll(_nodes.Synced, _pods.Synced, _namespaces.Synced).WaitAsync(cancellationToken).ConfigureAwait(false);
            Log.Started(_logger, _cache.NodeCount, _queue.Count);
            _ready.TrySetResult();
            while (!cancellationToken.IsCancellationRequested)
            {
                var key = await _queue.TakeAsync(cancellationToken).ConfigureAwait(false);
                if (key is null)
                {
                    break;
                }

                try
                {
                    await ScheduleOneAsync(key, cancellationToken).ConfigureAwait(false);
                }
                finally
                {
                    _queue.Done(key);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        finally
        {
            _queue.ShutDown();
            await informers.ConfigureAwait(false);
            await flush.ConfigureAwait(false);
        }
    }

    private async Task FlushUnschedulableAsync(CancellationToken cancellationToken)
    {
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                await Task.Delay(_options.UnschedulableFlushInterval, _time, cancellationToken).ConfigureAwait(false);
                RetryUnschedulable();
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private static partial class Log
    {
        [LoggerMessage(200, LogLevel.Information, "Scheduler started with {Nodes} nodes and {Pending} pending pods")]
        public static partial void Started(ILogger logger, int nodes, int pending);

        [LoggerMessage(201, LogLevel.Debug, "Pod {Pod} is unschedulable: {Message}")]
        public static partial void Unschedulable(ILogger logger, string pod, string message);

        [LoggerMessage(202, LogLevel.Warning, "Binding pod {Pod} to {Node} failed: {Reason}; retrying")]
        public static partial void BindFailed(ILogger logger, string pod, string node, string reason);
    }
}
