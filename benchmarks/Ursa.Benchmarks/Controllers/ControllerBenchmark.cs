using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using Ursa.Api.Apps;
using Ursa.Api.Core;
using Ursa.Api.Meta;
using Ursa.Benchmarks.Api;
using Ursa.Client.Connection;
using Ursa.Client.Informers;
using Ursa.Client.Rest;
using Ursa.NodeAgent.Hollow;

namespace Ursa.Benchmarks.Controllers;

/// <summary>
/// <c>ursa bench controllers</c>: the API server runs as a child process with its in-process scheduler and
/// controllers (as <c>ursa server</c> has them); this process runs hollow nodes and watches. A ReplicaSet is
/// scaled from 0 to N; the figures are pods created per second by the ReplicaSet controller (first to last pod
/// seen through a watch) and the time from the scale to all N pods Running.
/// </summary>
public sealed class ControllerBenchmark(ControllerBenchmarkOptions options, BenchmarkReport report)
{
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        await using var server = await ServerProcess.StartAsync(cancellationToken).ConfigureAwait(false);
        using var client = new ApiClient(KubeconfigReader.Load(server.KubeconfigPath));
        report.Note($"server pid {server.Pid}; {options.Nodes} hollow nodes; ReplicaSet 0 -> {options.Replicas}; {Environment.ProcessorCount} cores");
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var fleet = new HollowNodeFleet(client, new HollowNodeOptions { Count = options.Nodes, HeartbeatInterval = TimeSpan.FromSeconds(10) }, TimeProvider.System, NullLogger.Instance);
        await fleet.RegisterAsync(cancellationToken).ConfigureAwait(false);
        var hollow = fleet.RunAsync(stop.Token);

        const string ns = "scale";
        await client.CreateAsync(ResourceRef.Namespaces, new Namespace { Metadata = new ObjectMeta { Name = ns } }, cancellationToken).ConfigureAwait(false);
        var counter = new PodCounter(options.Replicas);
        var informer = new Informer<Pod>(client, ResourceRef.Pods, new ListOptions { Namespace = ns }, TimeProvider.System, NullLogger.Instance);
        informer.AddHandler(counter);
        var watching = informer.RunAsync(stop.Token);
        await informer.Synced.WaitAsync(cancellationToken).ConfigureAwait(false);
        await client.CreateAsync(ResourceRef.ReplicaSets, ReplicaSet(ns), cancellationToken).ConfigureAwait(false);

        var clock = Stopwatch.StartNew();
        counter.Start(clock);
        await client.PatchAsync<ReplicaSet>(ResourceRef.ReplicaSets, null, ns, "scale", PatchType.Merge, new System.Text.Json.Nodes.JsonObject { ["spec"] = new System.Text.Json.Nodes.JsonObject { ["replicas"] = options.Replicas } }.ToJsonString(), null, cancellationToken).ConfigureAwait(false);
        await counter.AllCreated.WaitAsync(TimeSpan.FromMinutes(10), cancellationToken).ConfigureAwait(false);
        var created = counter.LastCreated - counter.FirstCreated;
        report.Result($"replicaset_pods_created_per_second_{options.Replicas}", options.Replicas / Math.Max(created.TotalSeconds, 0.001), "pods/s");
        report.Result($"replicaset_scale_to_all_created_{options.Replicas}", counter.LastCreated.TotalSeconds, "s");
        await counter.AllRunning.WaitAsync(TimeSpan.FromMinutes(10), cancellationToken).ConfigureAwait(false);
        report.Result($"replicaset_scale_to_all_running_{options.Replicas}", clock.Elapsed.TotalSeconds, "s");
        report.Note($"server resident memory {server.ResidentBytes() / (1 << 20)} MiB");

        await stop.CancelAsync().ConfigureAwait(false);
        await Task.WhenAll(hollow, watching).ConfigureAwait(false);
    }

    private static ReplicaSet ReplicaSet(string ns) => new()
    {
        Metadata = new ObjectMeta { Name = "scale", Namespace = ns },
        Spec = new ReplicaSetSpec
        {
            Replicas = 0,
            Selector = new LabelSelector { MatchLabels = new() { ["app"] = "scale" } },
            Template = new PodTemplateSpec
            {
                Metadata = new ObjectMeta { Labels = new() { ["app"] = "scale" } },
                Spec = new PodSpec { Containers = [new Container { Name = "c", Image = "ursa.local/busybox:latest", Resources = new ResourceRequirements { Requests = new() { ["cpu"] = "10m", ["memory"] = "16Mi" } } }] },
            },
        },
    };

    /// <summary>Counts pods seen created and Running through the watch (informer handlers run on one loop).</summary>
    private sealed class PodCounter(int total) : IInformerHandler<Pod>
    {
        private readonly HashSet<string> _running = [];
        private readonly TaskCompletionSource _allCreated = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _allRunning = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private Stopwatch _clock = new();
        private int _created;

        public Task AllCreated => _allCreated.Task;

        public Task AllRunning => _allRunning.Task;

        public TimeSpan FirstCreated { get; private set; }

        public TimeSpan LastCreated { get; private set; }

        public void Start(Stopwatch clock) => _clock = clock;

        public void OnAdd(Pod obj)
        {
            _created++;
            if (_created == 1)
            {
                FirstCreated = _clock.Elapsed;
            }

            if (_created == total)
            {
                LastCreated = _clock.Elapsed;
                _allCreated.TrySetResult();
            }

            OnUpdate(obj, obj);
        }

        public void OnUpdate(Pod oldObj, Pod newObj)
        {
            if (newObj.Status?.Phase == "Running" && _running.Add(newObj.Metadata.Name!) && _running.Count == total)
            {
                _allRunning.TrySetResult();
            }
        }

        public void OnDelete(Pod obj)
        {
        }
    }
}
