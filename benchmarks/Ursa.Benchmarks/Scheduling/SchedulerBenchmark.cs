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
/// per second from its first decision to its last. Phase 2: pods created at a steady churn for a default scheduler
/// (also in this process); the figure is create → Running as seen through a watch, p50/p99.
/// </summary>
public sealed class SchedulerBenchmark(SchedulerBenchmarkOptions options, BenchmarkReport report)
{
    private const string BenchScheduler = "bench-scheduler";

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        // As in scheduler_perf: the server runs the API and its store only; the one scheduler runs here (no workload
        // controllers: nothing in this benchmark owns pods, and their informers would only decode every pod event).
        await using var server = await ServerProcess.StartAsync(cancellationToken, "--disable-scheduler", "--disable-controllers").ConfigureAwait(false);
        using var client = new ApiClient(KubeconfigReader.Load(server.KubeconfigPath));
        report.Note($"server pid {server.Pid}; {options.Nodes} hollow nodes; {options.Pods} pods; {Environment.ProcessorCount} cores");
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var fleet = new HollowNodeFleet(client, new HollowNodeOptions { Count = options.Nodes, HeartbeatInterval = TimeSpan.FromSeconds(60) }, TimeProvider.System, NullLogger.Instance);
        var registering = Stopwatch.StartNew();
        await fleet.RegisterAsync(cancellationToken).ConfigureAwait(false);
        report.Result("hollow_nodes_registered_per_second", options.Nodes / registering.Elapsed.TotalSeconds, "nodes/s");
        var hollow = fleet.RunAsync(stop.Token);

        // Warm-up round (unmeasured): the same work as the measured round, so both processes' hot paths are
        // compiled at their optimised tier before the clock starts (JMH-style; without it the JIT's background
        // tier-up thread takes about a fifth of the cores during a 10 s measurement).
        if (options.Warmup > 0)
        {
            await ScheduleRoundAsync(client, server.Pid, fleet, "warmup", options.Warmup, cancellationToken).ConfigureAwait(false);
        }

        var (bound, running) = await ScheduleRoundAsync(client, server.Pid, fleet, "sched", options.Pods, cancellationToken).ConfigureAwait(false);
        report.Result($"scheduling_throughput_{options.Pods}_pods_{options.Nodes}_nodes", options.Pods / bound.TotalSeconds, "pods/s");

        // The figure is pods bound per second; this one also waits for the hollow nodes' Running reports
        // (their status writes trail the binds on the same cores), so nobody reads the bind rate as a pod rate.
        report.Result($"scheduled_and_running_{options.Pods}_pods_{options.Nodes}_nodes", options.Pods / running.TotalSeconds, "pods/s");

        var churnScheduler = new PodScheduler(client, new SchedulerOptions(), TimeProvider.System, NullLogger.Instance);
        var churnScheduling = churnScheduler.RunAsync(stop.Token);
        await churnScheduler.Ready.WaitAsync(cancellationToken).ConfigureAwait(false);
        var latencies = await StartupLatencyAsync(client, cancellationToken).ConfigureAwait(false);
        report.Result("pod_startup_p50_hollow", latencies.Percentile(50), "ms");
        report.Result("pod_startup_p99_hollow", latencies.Percentile(99), "ms");

        await stop.CancelAsync().ConfigureAwait(false);
        await Task.WhenAll(churnScheduling, hollow).ConfigureAwait(false);
    }

    /// <summary>
    /// One round: <paramref name="count"/> pending pods are created in <paramref name="ns"/> for a scheduler of the
    /// benchmark's own, which then starts and is timed from its first decision until all are bound. Returns that time
    /// after the hollow nodes have also reported every pod Running, so no round's status writes spill into the next,
    /// with the time from the first decision until the last pod was reported Running.
    /// </summary>
    private async Task<(TimeSpan Bound, TimeSpan Running)> ScheduleRoundAsync(ApiClient client, int serverPid, HollowNodeFleet fleet, string ns, int count, CancellationToken cancellationToken)
    {
        await client.CreateAsync(ResourceRef.Namespaces, new Namespace { Metadata = new ObjectMeta { Name = ns } }, cancellationToken).ConfigureAwait(false);
        await CreatePodsAsync(client, ns, count, BenchScheduler, cancellationToken).ConfigureAwait(false);
        var startedBefore = fleet.PodsStarted;

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var scheduler = new PodScheduler(client, new SchedulerOptions { SchedulerName = BenchScheduler, BindBatchSize = options.BindBatch }, TimeProvider.System, NullLogger.Instance);
        var running = scheduler.RunAsync(stop.Token);
        await scheduler.Ready.WaitAsync(cancellationToken).ConfigureAwait(false);
        report.Note($"{ns}: {count} pods created; scheduling");
        var scheduling = Stopwatch.StartNew();
        var allRunning = WhenAllRunningAsync(fleet, startedBefore + count, scheduling, cancellationToken);
        var serverCpu = ProcessStats.CpuTime(serverPid);
        var ownCpu = ProcessStats.CpuTime(Environment.ProcessId);
        while (scheduler.Scheduled < count)
        {
            await Task.Delay(20, cancellationToken).ConfigureAwait(false);
            if (scheduling.Elapsed > TimeSpan.FromMinutes(10))
            {
                throw new TimeoutException($"only {scheduler.Scheduled} of {count} pods in {ns} bound after 10 minutes");
            }
        }

        var elapsed = scheduling.Elapsed;

        // The Scheduled events still queued are part of the round's cost: let the scheduler write them before it stops.
        while (scheduler.EventsPending > 0 && scheduling.Elapsed < elapsed + TimeSpan.FromMinutes(2))
        {
            await Task.Delay(20, cancellationToken).ConfigureAwait(false);
        }

        await stop.CancelAsync().ConfigureAwait(false);
        await running.ConfigureAwait(false);
        var runningAfter = await allRunning.ConfigureAwait(false);

        // Each bound pod costs the server a bind, the hollow node's status write and their watch events; this process
        // runs the scheduler and the hollow nodes. Counted until every pod is reported Running.
        report.Note(string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"{ns}: {count} pods bound in {elapsed.TotalSeconds:F2} s; all reported Running {runningAfter.TotalSeconds:F2} s after the first decision; CPU per pod: ursa server {(ProcessStats.CpuTime(serverPid) - serverCpu).TotalMicroseconds / count:0} us, scheduler + hollow nodes {(ProcessStats.CpuTime(Environment.ProcessId) - ownCpu).TotalMicroseconds / count:0} us; {scheduler.BindRequests} bind requests ({count / (double)Math.Max(1, scheduler.BindRequests):0.#} pods each); {scheduler.EventsDropped} Scheduled events dropped"));
        return (elapsed, runningAfter);
    }

    /// <summary>The time on <paramref name="clock"/> when the hollow nodes' count of pods reported Running reaches <paramref name="target"/>.</summary>
    private static async Task<TimeSpan> WhenAllRunningAsync(HollowNodeFleet fleet, long target, Stopwatch clock, CancellationToken cancellationToken)
    {
        while (fleet.PodsStarted < target)
        {
            await Task.Delay(10, cancellationToken).ConfigureAwait(false);
            if (clock.Elapsed > TimeSpan.FromMinutes(10))
            {
                throw new TimeoutException($"hollow nodes reported only {fleet.PodsStarted} of {target} pods Running after 10 minutes");
            }
        }

        return clock.Elapsed;
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
