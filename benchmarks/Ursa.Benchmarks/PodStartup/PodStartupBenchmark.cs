using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using Ursa.Api.Core;
using Ursa.Api.Meta;
using Ursa.Benchmarks.Api;
using Ursa.Client.Connection;
using Ursa.Client.Informers;
using Ursa.Client.Rest;
using Ursa.Cri;

namespace Ursa.Benchmarks.PodStartup;

/// <summary>
/// <c>ursa bench pod-startup</c>: an <c>ursa server</c> child and an <c>ursa agent</c> child (with its managed
/// containerd) make a one-node cluster. Each phase runs the same N pods twice - raw over CRI, then through Ursa
/// (create via the API → Running seen through a watch) - first one at a time, then N at once. Last, with every
/// pod running, the agent's idle CPU and its memory.
/// </summary>
public sealed class PodStartupBenchmark(PodStartupBenchmarkOptions options, BenchmarkReport report)
{
    private const string Image = "ursa.local/busybox:latest";
    private const string NodeName = "bench-node";

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        await using var server = await ServerProcess.StartAsync(cancellationToken).ConfigureAwait(false);
        using var client = new ApiClient(KubeconfigReader.Load(server.KubeconfigPath));
        await using var agent = AgentProcess.Start(server.KubeconfigPath, NodeName, serveVmRuntimeSocket: false);
        report.Note($"server pid {server.Pid}, agent pid {agent.Pid}; {options.Pods} pods per phase; {Environment.ProcessorCount} cores");
        await WaitForNodeReadyAsync(client, agent, cancellationToken).ConfigureAwait(false);
        await client.CreateAsync(ResourceRef.Namespaces, new Namespace { Metadata = new ObjectMeta { Name = "bench" } }, cancellationToken).ConfigureAwait(false);
        await using var cri = CriClient.ForUnixSocket(agent.CriSocket);
        await cri.PullImageAsync(new Ursa.Cri.V1.PullImageRequest { Image = new Ursa.Cri.V1.ImageSpec { Image = Image } }, cancellationToken).ConfigureAwait(false);
        var raw = new RawCriPods(cri, Path.Combine(agent.Home, "raw-logs"), Image);
        var watch = new RunningWatch(client);
        var watching = watch.RunAsync(cancellationToken);
        await watch.Synced.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // Warm-up: one of each, not counted (first-use JIT and page cache).
            await raw.StartOneAsync("warm", cancellationToken).ConfigureAwait(false);
            await watch.CreateAndWaitAsync(Pod("warm"), cancellationToken).ConfigureAwait(false);

            var rawSequential = new LatencyRecorder();
            var ursaSequential = new LatencyRecorder();
            for (var i = 0; i < options.Pods; i++)
            {
                rawSequential.Add(await raw.StartOneAsync($"raw-s{i}", cancellationToken).ConfigureAwait(false));
                ursaSequential.Add(await watch.CreateAndWaitAsync(Pod($"s{i}"), cancellationToken).ConfigureAwait(false));
            }

            Print("sequential", rawSequential, ursaSequential);

            var rawBurst = await BurstAsync(i => raw.StartOneAsync($"raw-b{i}", cancellationToken)).ConfigureAwait(false);
            var ursaBurst = await BurstAsync(i => watch.CreateAndWaitAsync(Pod($"b{i}"), cancellationToken)).ConfigureAwait(false);
            Print("burst", rawBurst, ursaBurst);

            await raw.RemoveAllAsync(cancellationToken).ConfigureAwait(false);
            var pods = watch.Running;
            await Task.Delay(options.IdleSettle, cancellationToken).ConfigureAwait(false);
            var cpuBefore = agent.CpuTime();
            var clock = Stopwatch.StartNew();
            await Task.Delay(options.IdleSample, cancellationToken).ConfigureAwait(false);
            var cpu = (agent.CpuTime() - cpuBefore) / clock.Elapsed;
            report.Result($"agent_idle_cpu_{pods}_pods", cpu * 100, "%core");
            report.Result($"agent_rss_{pods}_pods", agent.ResidentBytes() / 1048576.0, "MiB");
        }
        finally
        {
            await DeleteAllAsync(client, watch, CancellationToken.None).ConfigureAwait(false);
            await watch.StopAsync().ConfigureAwait(false);
            await watching.ConfigureAwait(false);
        }
    }

    private void Print(string phase, LatencyRecorder raw, LatencyRecorder ursa)
    {
        report.Result($"raw_cri_{phase}_p50", raw.Percentile(50), "ms");
        report.Result($"raw_cri_{phase}_p99", raw.Percentile(99), "ms");
        report.Result($"ursa_{phase}_p50", ursa.Percentile(50), "ms");
        report.Result($"ursa_{phase}_p99", ursa.Percentile(99), "ms");
        report.Result($"ursa_over_raw_{phase}_p99", ursa.Percentile(99) / raw.Percentile(99), "x");
    }

    /// <summary>N starts at once through <see cref="PodStartupBenchmarkOptions.BurstWorkers"/> workers; each latency
    /// counts from the burst's start, so queueing is in both figures alike.</summary>
    private async Task<LatencyRecorder> BurstAsync(Func<int, Task<TimeSpan>> start)
    {
        var recorder = new LatencyRecorder();
        var began = Stopwatch.GetTimestamp();
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, options.BurstWorkers).Select(async _ =>
        {
            while (Interlocked.Increment(ref next) is var i && i < options.Pods)
            {
                await start(i).ConfigureAwait(false);
                lock (recorder)
                {
                    recorder.Add(Stopwatch.GetElapsedTime(began));
                }
            }
        })).ConfigureAwait(false);
        return recorder;
    }

    private static async Task WaitForNodeReadyAsync(ApiClient client, AgentProcess agent, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            if (agent.HasExited)
            {
                throw new InvalidOperationException("ursa agent exited before its node was ready (is containerd installed? run scripts/setup.sh)");
            }

            try
            {
                var node = await client.GetAsync<Node>(ResourceRef.Nodes, null, null, NodeName, cancellationToken).ConfigureAwait(false);
                if (node.Status?.Conditions?.Any(c => c.Type == "Ready" && c.Status == "True") == true)
                {
                    return;
                }
            }
            catch (ApiStatusException e) when (e.IsNotFound)
            {
            }

            if (deadline.Elapsed > TimeSpan.FromSeconds(120))
            {
                throw new TimeoutException("node not Ready after 120 s");
            }

            await Task.Delay(100, cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task DeleteAllAsync(ApiClient client, RunningWatch watch, CancellationToken cancellationToken)
    {
        var pods = await client.ListAsync<Pod>(ResourceRef.Pods, new ListOptions { Namespace = "bench" }, cancellationToken).ConfigureAwait(false);
        await Task.WhenAll(pods.Items.Select(p => client.DeleteAsync(ResourceRef.Pods, null, "bench", p.Metadata.Name!, null, cancellationToken))).ConfigureAwait(false);
        await watch.WaitForNoneAsync(TimeSpan.FromSeconds(120)).ConfigureAwait(false);
    }

    private static Pod Pod(string name) => new()
    {
        Metadata = new ObjectMeta { Name = name, Namespace = "bench" },
        Spec = new PodSpec
        {
            TerminationGracePeriodSeconds = 1,
            Containers = [new Container { Name = "c", Image = Image, ImagePullPolicy = "IfNotPresent", Command = ["sleep", "3600"] }],
        },
    };

    /// <summary>Creates pods and times create → Running as a watch sees it.</summary>
    private sealed class RunningWatch(ApiClient client) : IInformerHandler<Pod>
    {
        private readonly Informer<Pod> _informer = new(client, ResourceRef.Pods, new ListOptions { Namespace = "bench" }, TimeProvider.System, NullLogger.Instance);
        private readonly ConcurrentDictionary<string, TaskCompletionSource> _waiting = new(StringComparer.Ordinal);
        private readonly CancellationTokenSource _stop = new();
        private readonly HashSet<string> _running = [];
        private int _count;

        public Task Synced => _informer.Synced;

        public int Running => Volatile.Read(ref _count);

        public Task RunAsync(CancellationToken cancellationToken)
        {
            _informer.AddHandler(this);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _stop.Token);
            return _informer.RunAsync(_stop.Token);
        }

        public async Task<TimeSpan> CreateAndWaitAsync(Pod pod, CancellationToken cancellationToken)
        {
            var done = _waiting.GetOrAdd(pod.Metadata.Name!, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
            var started = Stopwatch.GetTimestamp();
            await client.CreateAsync(ResourceRef.Pods, pod, cancellationToken).ConfigureAwait(false);
            await done.Task.WaitAsync(TimeSpan.FromSeconds(60), cancellationToken).ConfigureAwait(false);
            return Stopwatch.GetElapsedTime(started);
        }

        public async Task WaitForNoneAsync(TimeSpan deadline)
        {
            var clock = Stopwatch.StartNew();
            while (_informer.List().Count > 0 && clock.Elapsed < deadline)
            {
                await Task.Delay(100).ConfigureAwait(false);
            }
        }

        public Task StopAsync() => _stop.CancelAsync();

        public void OnAdd(Pod obj) => Check(obj);

        public void OnUpdate(Pod oldObj, Pod newObj) => Check(newObj);

        public void OnDelete(Pod obj)
        {
        }

        private void Check(Pod pod)
        {
            if (pod.Status?.Phase != "Running")
            {
                return;
            }

            lock (_running)
            {
                if (!_running.Add(pod.Metadata.Name!))
                {
                    return;
                }
            }

            Interlocked.Increment(ref _count);
            _waiting.GetOrAdd(pod.Metadata.Name!, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
        }
    }
}
