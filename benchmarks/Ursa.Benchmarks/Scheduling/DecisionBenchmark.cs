using System.Diagnostics;
using Ursa.Api.Core;
using Ursa.Api.Meta;
using Ursa.Scheduler.Cache;
using Ursa.Scheduler.Framework;
using Ursa.Scheduler.Plugins;

namespace Ursa.Benchmarks.Scheduling;

/// <summary>
/// <c>ursa bench scheduler-decide</c>: the scheduler's decision alone, in this process, with no API server: a
/// <see cref="SchedulerCache"/> holding N nodes shaped like hollow nodes, and the default plugin set deciding and
/// assuming one small pod after another, as <c>PodScheduler</c> does. Prints CPU and bytes allocated per decision
/// (process CPU, so garbage collection counts) — the part of <c>bench scheduler</c>'s cost that grows with nodes.
/// </summary>
public sealed class DecisionBenchmark(int nodes, int pods, int rounds, BenchmarkReport report)
{
    public Task RunAsync(CancellationToken cancellationToken)
    {
        var cache = new SchedulerCache();
        for (var i = 0; i < nodes; i++)
        {
            cache.UpsertNode(HollowShapedNode($"hollow-{i:D5}"));
        }

        var framework = DefaultPlugins.CreateFramework(packNodes: false);
        report.Note($"{nodes} nodes (4 cpu, 16Gi, 110 pods each); {pods} pods per round; {rounds} measured rounds after one warm-up round, best shown; {Environment.ProcessorCount} cores");
        var best = double.MaxValue;
        var bestBytes = 0d;
        for (var round = 0; round <= rounds; round++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var requests = Enumerable.Range(0, pods).Select(i => PodRequest.Of(SmallPod($"r{round}-p{i}"))).ToList();
            var allocated = GC.GetAllocatedBytesForCurrentThread();
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var placed = 0;
            for (var i = 0; i < requests.Count; i++)
            {
                var request = requests[i];
                var key = $"bench/r{round}-p{i}";
                placed += cache.Decide(cluster =>
                {
                    var result = framework.Schedule(request, cluster);
                    if (result.Node is not { } chosen)
                    {
                        return 0;
                    }

                    cache.Assume(key, request, chosen);
                    return 1;
                });
            }

            var micros = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMicroseconds / pods;
            var bytes = (double)(GC.GetAllocatedBytesForCurrentThread() - allocated) / pods;
            if (placed != pods)
            {
                throw new InvalidOperationException($"round {round}: only {placed} of {pods} pods found a node");
            }

            if (round == 0)
            {
                continue; // warm-up: JIT tiering
            }

            report.Note(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"round {round}: {micros:F1} us CPU/decision, {bytes:F0} bytes allocated/decision"));
            if (micros < best)
            {
                (best, bestBytes) = (micros, bytes);
            }
        }

        report.Result($"scheduler_decision_cpu_{nodes}_nodes", best, "us");
        report.Result($"scheduler_decision_allocated_{nodes}_nodes", bestBytes, "bytes");
        return Task.CompletedTask;
    }

    private static Node HollowShapedNode(string name) => new()
    {
        Metadata = new ObjectMeta { Name = name, Labels = new() { ["kubernetes.io/hostname"] = name, ["node.ursa.io/hollow"] = "true" } },
        Spec = new NodeSpec(),
        Status = new NodeStatus
        {
            Capacity = new() { ["cpu"] = "4", ["memory"] = "16Gi", ["pods"] = "110" },
            Allocatable = new() { ["cpu"] = "4", ["memory"] = "16Gi", ["pods"] = "110" },
            Conditions =
            [
                new NodeCondition { Type = "Ready", Status = "True" },
                new NodeCondition { Type = "ContainerRuntimeReady", Status = "True" },
                new NodeCondition { Type = "VmRuntimeReady", Status = "True" },
            ],
        },
    };

    private static Pod SmallPod(string name) => new()
    {
        Metadata = new ObjectMeta { Name = name, Namespace = "bench", Tenant = "system", Labels = new() { ["app"] = "bench" } },
        Spec = new PodSpec
        {
            Containers = [new Container { Name = "c", Image = "ursa.local/busybox:latest", Resources = new ResourceRequirements { Requests = new() { ["cpu"] = "10m", ["memory"] = "16Mi" } } }],
        },
    };
}
