using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using Ursa.Api.Core;
using Ursa.Api.Meta;
using Ursa.Benchmarks.Api;
using Ursa.Client.Connection;
using Ursa.Client.Informers;
using Ursa.Client.Rest;
using Ursa.NodeAgent.Hollow;
using Ursa.Scheduler;

namespace Ursa.Benchmarks.Scheduling;

/// <summary>
/// <c>ursa bench scheduler</c>, in the manner of Kubernetes' scheduler_perf: the API server and its store run as a
/// child process; this process runs hollow nodes and a scheduler of its own. Phase 1: N hollow nodes register;
/// M pending pods are created for the benchmark's scheduler; the scheduler starts and the figure is pods bound
/// per second from its first decision to its last. Phase 2: pods created at a steady churn for the server's own
/// scheduler; the figure is create → Running as seen through a watch, p50/p99.
/// </summary>
public sealed class SchedulerBenchmark(SchedulerBenchmarkOptions options, BenchmarkReport report)
{
    private const string BenchScheduler = "bench-scheduler";

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        await using var server = await ServerProcess.StartAsync(cancellationToken).ConfigureAwait(false);
        using var client = new ApiClient(KubeconfigReader.Load(server.KubeconfigPath));
        report.Note($"server pid {server.Pid}; {options.Nodes} hollow nodes; {options.Pods} pods; {Environment.ProcessorCount} cores");
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var fleet = new HollowNodeFleet(client, new HollowNodeOptions { Count = options.Nodes, HeartbeatInterval = TimeSpan.FromSeconds(60) }, TimeProvider.System, NullLogger.Instance);
        var registering = Stopwatch.StartNew();
        await fleet.RegisterAsync(cancellationToken).ConfigureAwait(false);
        report.Result("hollow_nodes_registered_per_second", options.Nodes / registering.Elapsed.TotalSeconds, "nodes/s");
        var hollow = fleet.RunAsync(stop.Token);

        await client.CreateAsync(ResourceRef.Namespaces, new Namespace { Metadata = new ObjectMeta { Name = "sched" } }, cancellationToken).ConfigureAwait(false);
        await CreatePodsAsync(client, "sched", options.Pods, BenchScheduler, cancellationToken).ConfigureAwait(false);

        var scheduler = new PodScheduler(client, new SchedulerOptions { SchedulerName = BenchScheduler }, TimeProvider.System, NullLogger.Instance);
        var running = scheduler.RunAsync(stop.Token);
        await scheduler.Ready.WaitAsync(cancellationToken).ConfigureAwait(false);
        var scheduling = Stopwatch.StartNew();
        double serverCpu = ProcessStats.CpuTime(server.Pid).TotalSeconds;
        double ownCpu = ProcessStats.CpuTime(Environment.ProcessId).TotalSeconds;
        while (scheduler.Scheduled < options.Pods)
        {
            await Task.Delay(20, cancellationToken).ConfigureAwait(false);
            if (scheduling.Elapsed > TimeSpan.FromMinutes(10))
            {
                throw new TimeoutException($"only {scheduler.Scheduled} of {options.Pods} pods bound after 10 minutes");
            }
        }

        report.Result($"scheduling_throughput_{options.Pods}_pods_{options.Nodes}_nodes", options.Pods / scheduling.Elapsed.TotalSeconds, "pods/s");

        // Each bound pod costs the server a bind and the hollow node's status write (plus their watch events);
        // this process runs the scheduler and the hollow nodes.
        report.Note(string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"CPU per bound pod: ursa server {(ProcessStats.CpuTime(server.Pid).TotalSeconds - serverCpu) / options.Pods * 1e6:0} us, scheduler + hollow nodes {(ProcessStats.CpuTime(Environment.ProcessId).TotalSeconds - ownCpu) / options.Pods * 1e6:0} us"));

        var latencies = await StartupLatencyAsync(client, cancellationToken).ConfigureAwait(false);
        report.Result("pod_startup_p50_hollow", latencies.Percentile(50), "ms");
        report.Result("pod_startup_p99_hollow", latencies.Percentile(99), "ms");

        await stop.CancelAsync().ConfigureAwait(false);
        await Task.WhenAll(running, hollow).ConfigureAwait(false);
    }

    private async Task CreatePodsAsync(ApiClient client, string ns, int count, string schedulerName, CancellationToken cancellationToken)
    {
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, options.Clients).Select(async _ =>
        {
            while (Interlocked.Increment(ref next) is var i && i < count)
            {
                await client.CreateAsync(ResourceRef.Pods, SmallPod(ns, $"p-{i}", schedulerName), cancellationToken).ConfigureAwait(false);
            }
        })).ConfigureAwait(false);
    }

    /// <summary>Creates pods at the churn rate for the server's scheduler and times create → Running via a watch.</summary>
    private async Task<LatencyRecorder> StartupLatencyAsync(ApiClient client, CancellationToken cancellationToken)
    {
        const string ns = "churn";
        await client.CreateAsync(ResourceRef.Namespaces, new Namespace { Metadata = new ObjectMeta { Name = ns } }, cancellationToken).ConfigureAwait(false);
        var started = new System.Collections.Concurrent.ConcurrentDictionary<string, long>();
        var recorder = new LatencyRecorder();
        var total = (int)(options.ChurnPerSecond * options.ChurnDuration.TotalSeconds);
        var seen = new TaskCompletionSource();
        var watcher = new RunningWatcher(started, recorder, total, seen);
        var informer = new Informer<Pod>(client, ResourceRef.Pods, new ListOptions { Namespace = ns }, TimeProvider.System, NullLogger.Instance);
        informer.AddHandler(watcher);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var watching = informer.RunAsync(stop.Token);
        await informer.Synced.WaitAsync(cancellationToken).ConfigureAwait(false);
        var interval = TimeSpan.FromSeconds(1.0 / options.ChurnPerSecond);
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < total; i++)
        {
            var due = interval * i;
            if (due > clock.Elapsed)
            {
                await Task.Delay(due - clock.Elapsed, cancellationToken).ConfigureAwait(false);
            }

            var name = $"c-{i}";
            started[name] = Stopwatch.GetTimestamp();
            _ = client.CreateAsync(ResourceRef.Pods, SmallPod(ns, name, "default-scheduler"), cancellationToken);
        }

        await seen.Task.WaitAsync(TimeSpan.FromMinutes(2), cancellationToken).ConfigureAwait(false);
        await stop.CancelAsync().ConfigureAwait(false);
        await watching.ConfigureAwait(false);
        return recorder;
    }

    private static Pod SmallPod(string ns, string name, string schedulerName) => new()
    {
        Metadata = new ObjectMeta { Name = name, Namespace = ns, Labels = new() { ["app"] = "bench" } },
        Spec = new PodSpec
        {
            SchedulerName = schedulerName,
            Containers = [new Container { Name = "c", Image = "ursa.local/busybox:latest", Resources = new ResourceRequirements { Requests = new() { ["cpu"] = "10m", ["memory"] = "16Mi" } } }],
        },
    };

    private sealed class RunningWatcher(System.Collections.Concurrent.ConcurrentDictionary<string, long> started, LatencyRecorder recorder, int total, TaskCompletionSource done) : IInformerHandler<Pod>
    {
        private readonly HashSet<string> _running = [];

        public void OnAdd(Pod obj) => Check(obj);

        public void OnUpdate(Pod oldObj, Pod newObj) => Check(newObj);

        public void OnDelete(Pod obj)
        {
        }

        private void Check(Pod pod)
        {
            if (pod.Status?.Phase != "Running" || !started.TryGetValue(pod.Metadata.Name!, out var began) || !_running.Add(pod.Metadata.Name!))
            {
                return;
            }

            recorder.Add(Stopwatch.GetElapsedTime(began));
            if (_running.Count == total)
            {
                done.TrySetResult();
            }
        }
    }

}
