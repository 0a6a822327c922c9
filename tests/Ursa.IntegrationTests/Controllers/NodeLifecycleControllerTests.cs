using Microsoft.Extensions.Logging.Abstractions;
using Ursa.Api.Apps;
using Ursa.Api.Core;
using Ursa.Api.Meta;
using Ursa.Client.Informers;
using Ursa.Client.Rest;
using Ursa.Controllers.NodeLifecycle;
using Ursa.IntegrationTests.Infrastructure;

namespace Ursa.IntegrationTests.Controllers;

/// <summary>
/// A hollow node stops heartbeating: it becomes unreachable and its pods are replaced on the other nodes; when it
/// heartbeats again its taints go. A node lifecycle controller with short periods runs beside the in-process one
/// (whose 40 s grace period does not elapse during the test).
/// </summary>
public sealed class NodeLifecycleControllerTests(HollowClusterFixture hollow) : IClassFixture<HollowClusterFixture>
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);
    private readonly string _ns = "nl-" + Guid.NewGuid().ToString("N")[..6];

    [Fact]
    public async Task NodeThatStopsHeartbeating_IsTainted_AndItsPodsAreReplacedElsewhere()
    {
        using var stop = new CancellationTokenSource();
        var informers = new SharedInformers(hollow.Client, TimeProvider.System, NullLogger.Instance);
        var controller = new NodeLifecycleController(hollow.Client, informers, new NodeLifecycleOptions { GracePeriod = TimeSpan.FromSeconds(2), MonitorPeriod = TimeSpan.FromMilliseconds(200) }, TimeProvider.System, NullLogger.Instance);
        var running = Task.WhenAll(informers.RunAsync(stop.Token), controller.RunAsync(stop.Token));
        string? dead = null;
        try
        {
            await hollow.Client.CreateAsync(ResourceRef.Namespaces, new Namespace { Metadata = new ObjectMeta { Name = _ns } }, CancellationToken.None);
            await hollow.Client.CreateAsync(ResourceRef.ReplicaSets, ReplicaSet(replicas: 6), CancellationToken.None);
            var before = await LivePodsAsync(pods => pods.Count == 6 && pods.All(p => p.Status?.Phase == "Running"), "6 Running pods");
            dead = before.GroupBy(p => p.Spec!.NodeName!).OrderByDescending(g => g.Count()).First().Key;
            var victims = before.Where(p => p.Spec!.NodeName == dead).Select(p => p.Metadata.Uid).ToHashSet();

            hollow.Nodes.Stop(dead);
            var tainted = await Eventually.UntilAsync(
                () => hollow.Client.GetAsync<Node>(ResourceRef.Nodes, null, null, dead, CancellationToken.None),
                n => n.Spec?.Taints?.Count(t => t.Key == NodeHealth.UnreachableTaint) == 2 && n.Status?.Conditions?.Single(c => c.Type == "Ready").Status == "Unknown",
                Deadline,
                n => $"node {dead} tainted unreachable and Ready=Unknown (taints: {string.Join(",", n.Spec?.Taints?.Select(t => $"{t.Key}:{t.Effect}") ?? [])})");
            Assert.Equal("NodeStatusUnknown", tainted.Status!.Conditions!.Single(c => c.Type == "Ready").Reason);

            var after = await LivePodsAsync(
                pods => pods.Count == 6 && pods.All(p => p.Status?.Phase == "Running" && p.Spec!.NodeName != dead),
                $"6 Running pods, none on {dead}");
            Assert.DoesNotContain(after, p => victims.Contains(p.Metadata.Uid));

            await hollow.Nodes.ResumeAsync(dead, CancellationToken.None);
            await Eventually.UntilAsync(
                () => hollow.Client.GetAsync<Node>(ResourceRef.Nodes, null, null, dead, CancellationToken.None),
                n => n.Spec?.Taints is null or { Count: 0 },
                Deadline,
                n => $"node {dead}'s taints removed once it heartbeats again ({n.Spec?.Taints?.Count} left)");
        }
        finally
        {
            await stop.CancelAsync();
            await running;
        }
    }

    private async Task<List<Pod>> LivePodsAsync(Func<List<Pod>, bool> done, string awaited) =>
        await Eventually.UntilAsync(
            async () => (await hollow.Client.ListAsync<Pod>(ResourceRef.Pods, new ListOptions { Namespace = _ns }, CancellationToken.None)).Items.Where(p => p.Metadata.DeletionTimestamp is null).ToList(),
            done,
            Deadline,
            pods => $"{awaited} (have {string.Join(", ", pods.Select(p => $"{p.Metadata.Name}@{p.Spec?.NodeName}:{p.Status?.Phase}"))})");

    private ReplicaSet ReplicaSet(int replicas) => new()
    {
        Metadata = new ObjectMeta { Name = "spread", Namespace = _ns },
        Spec = new ReplicaSetSpec
        {
            Replicas = replicas,
            Selector = new LabelSelector { MatchLabels = new() { ["app"] = "spread" } },
            Template = new PodTemplateSpec
            {
                Metadata = new ObjectMeta { Labels = new() { ["app"] = "spread" } },
                Spec = new PodSpec
                {
                    NodeSelector = new() { ["fleet"] = hollow.Fleet },
                    Containers = [new Container { Name = "main", Image = "ursa.local/busybox:latest", Resources = new ResourceRequirements { Requests = new() { ["cpu"] = "100m" } } }],

                    // Ride out a 1 s outage only (the default is 300 s).
                    Tolerations = [new Toleration { Key = NodeHealth.UnreachableTaint, Operator = "Exists", Effect = "NoExecute", TolerationSeconds = 1 }],
                },
            },
        },
    };
}
