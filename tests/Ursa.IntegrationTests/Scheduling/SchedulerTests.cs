using Ursa.Api.Core;
using Ursa.Api.Meta;
using Ursa.Client.Connection;
using Ursa.Client.Rest;
using Ursa.IntegrationTests.Infrastructure;

namespace Ursa.IntegrationTests.Scheduling;

/// <summary>The in-process scheduler against a real API server: one pool of nodes for container and VM pods.</summary>
public sealed class SchedulerTests(SchedulingControlPlaneFixture cluster) : IClassFixture<SchedulingControlPlaneFixture>, IDisposable
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);
    private readonly ApiClient _client = new(KubeconfigReader.Load(cluster.KubeconfigPath));
    private readonly string _suffix = Guid.NewGuid().ToString("N")[..6];

    public void Dispose() => _client.Dispose();

    [Fact]
    public async Task MixedPods_FillNodesWithoutOvercommitting_AndTheRestSayWhy()
    {
        var ns = await NamespaceAsync("mix");
        await NodeAsync($"mix-a-{_suffix}", cpu: "2", labels: new() { ["pool"] = $"mix-{_suffix}" });
        await NodeAsync($"mix-b-{_suffix}", cpu: "2", labels: new() { ["pool"] = $"mix-{_suffix}" });
        var selector = new Dictionary<string, string> { ["pool"] = $"mix-{_suffix}" };
        for (var i = 0; i < 3; i++)
        {
            await _client.CreateAsync(ResourceRef.Pods, VmPod(ns, $"vm-{i}", "1", selector), CancellationToken.None);
        }

        for (var i = 0; i < 4; i++)
        {
            await _client.CreateAsync(ResourceRef.Pods, ContainerPod(ns, $"c-{i}", "400m", selector), CancellationToken.None);
        }

        // 2 nodes x 2000m; VM pods need 1100m (guest + declared overhead), container pods 400m.
        var pods = await WaitAsync(ns, list => list.All(p => !string.IsNullOrEmpty(p.Spec?.NodeName) || Unschedulable(p)), "every pod bound or marked unschedulable");
        foreach (var node in pods.Where(p => p.Spec?.NodeName is not null).GroupBy(p => p.Spec!.NodeName))
        {
            var milli = node.Sum(p => p.Spec!.VirtualMachine is not null ? 1100 : 400);
            Assert.True(milli <= 2000, $"node {node.Key} was overcommitted: {milli}m requested");
        }

        var waiting = pods.Where(Unschedulable).ToList();
        Assert.NotEmpty(waiting);
        Assert.All(waiting, p => Assert.Contains("Insufficient cpu", p.Status!.Conditions!.First(c => c.Type == "PodScheduled").Message));
        Assert.Contains(pods, p => p.Spec?.VirtualMachine is not null && p.Spec.NodeName is not null);
        Assert.Contains(pods, p => p.Spec?.VirtualMachine is null && p.Spec?.NodeName is not null);
    }

    [Fact]
    public async Task VmPod_WaitsForANodeWithAReadyVmRuntime_ThenLandsThere()
    {
        var ns = await NamespaceAsync("vm");
        var pool = new Dictionary<string, string> { ["pool"] = $"vm-{_suffix}" };
        await NodeAsync($"novm-{_suffix}", cpu: "8", labels: pool, vmReady: false);
        await _client.CreateAsync(ResourceRef.Pods, VmPod(ns, "guest", "1", pool), CancellationToken.None);
        var parked = await WaitAsync(ns, list => list.Any(Unschedulable), "the VM pod marked unschedulable");
        Assert.Contains("node(s) had no ready VM runtime", parked.Single().Status!.Conditions!.First(c => c.Type == "PodScheduled").Message);

        await NodeAsync($"withvm-{_suffix}", cpu: "8", labels: pool, vmReady: true);
        var bound = await WaitAsync(ns, list => list.All(p => !string.IsNullOrEmpty(p.Spec?.NodeName)), "the VM pod bound after a VM-ready node appeared");
        Assert.Equal($"withvm-{_suffix}", bound.Single().Spec!.NodeName);
        // The scheduler records "Scheduled" after the bind's response, so the bound pod can be seen before it.
        var events = await Eventually.UntilAsync(
            () => _client.ListAsync<Event>(ResourceRef.Events, new ListOptions { Namespace = ns }, CancellationToken.None),
            list => list.Items.Any(e => e.Reason == "Scheduled"),
            TimeSpan.FromSeconds(10),
            list => $"a Scheduled event in {ns} (have: {string.Join(", ", list.Items.Select(e => e.Reason))})");
        Assert.Contains(events.Items, e => e.Reason == "FailedScheduling");
    }

    [Fact]
    public async Task HollowNodes_RegisterHeartbeatAndRunTheirPods()
    {
        var ns = await NamespaceAsync("hollow");
        var fleet = new Ursa.NodeAgent.Hollow.HollowNodeFleet(_client, new Ursa.NodeAgent.Hollow.HollowNodeOptions { Count = 5, NamePrefix = $"hollow-{_suffix}" }, TimeProvider.System, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance);
        await fleet.RegisterAsync(CancellationToken.None);
        using var stop = new CancellationTokenSource();
        var running = fleet.RunAsync(stop.Token);
        try
        {
            var selector = new Dictionary<string, string> { ["node.ursa.io/hollow"] = "true" };
            for (var i = 0; i < 10; i++)
            {
                await _client.CreateAsync(ResourceRef.Pods, i % 2 == 0 ? VmPod(ns, $"h-{i}", "100m", selector) : ContainerPod(ns, $"h-{i}", "100m", selector), CancellationToken.None);
            }

            var pods = await WaitAsync(ns, list => list.Count == 10 && list.All(p => p.Status?.Phase == "Running"), "all pods Running on hollow nodes");
            Assert.All(pods, p => Assert.StartsWith($"hollow-{_suffix}-", p.Spec!.NodeName));
            Assert.All(pods, p => Assert.True(p.Spec!.VirtualMachine is null ? p.Status!.ContainerStatuses!.All(c => c.Ready == true) : p.Status!.VirtualMachineStatus!.Ready == true, $"{p.Metadata.Name} is not reported ready"));
            var leases = await _client.ListAsync<Ursa.Api.Coordination.Lease>(ResourceRef.Leases, new ListOptions { Namespace = "kube-node-lease" }, CancellationToken.None);
            Assert.Equal(5, leases.Items.Count(l => l.Metadata.Name!.StartsWith($"hollow-{_suffix}-", StringComparison.Ordinal) && l.Spec?.RenewTime is not null));
        }
        finally
        {
            await stop.CancelAsync();
            await running;
        }
    }

    private static bool Unschedulable(Pod p) =>
        p.Status?.Conditions?.Any(c => c.Type == "PodScheduled" && c.Status == "False" && c.Reason == "Unschedulable") == true;

    private async Task<string> NamespaceAsync(string prefix)
    {
        var name = $"{prefix}-{_suffix}";
        await _client.CreateAsync(ResourceRef.Namespaces, new Namespace { Metadata = new ObjectMeta { Name = name } }, CancellationToken.None);
        return name;
    }

    private async Task NodeAsync(string name, string cpu, Dictionary<string, string> labels, bool vmReady = true)
    {
        var node = new Node
        {
            Metadata = new ObjectMeta { Name = name, Labels = labels },
            Spec = new NodeSpec(),
            Status = new NodeStatus
            {
                Allocatable = new() { ["cpu"] = cpu, ["memory"] = "16Gi", ["pods"] = "110" },
                Capacity = new() { ["cpu"] = cpu, ["memory"] = "16Gi", ["pods"] = "110" },
                Conditions =
                [
                    new NodeCondition { Type = "Ready", Status = "True" },
                    new NodeCondition { Type = "ContainerRuntimeReady", Status = "True" },
                    new NodeCondition { Type = "VmRuntimeReady", Status = vmReady ? "True" : "False" },
                ],
            },
        };
        await _client.CreateAsync(ResourceRef.Nodes, node, CancellationToken.None);
    }

    private static Pod VmPod(string ns, string name, string cpu, Dictionary<string, string> selector) => new()
    {
        Metadata = new ObjectMeta { Name = name, Namespace = ns },
        Spec = new PodSpec
        {
            NodeSelector = selector,
            VirtualMachine = new VirtualMachine { Name = name, Image = "ursa.local/guest/busybox:latest", Resources = new ResourceRequirements { Requests = new() { ["cpu"] = cpu, ["memory"] = "512Mi" } } },
        },
    };

    private static Pod ContainerPod(string ns, string name, string cpu, Dictionary<string, string> selector) => new()
    {
        Metadata = new ObjectMeta { Name = name, Namespace = ns },
        Spec = new PodSpec
        {
            NodeSelector = selector,
            Containers = [new Container { Name = "c", Image = "ursa.local/busybox:latest", Resources = new ResourceRequirements { Requests = new() { ["cpu"] = cpu, ["memory"] = "256Mi" } } }],
        },
    };

    private Task<List<Pod>> WaitAsync(string ns, Func<List<Pod>, bool> condition, string awaited) =>
        Eventually.UntilAsync(
            async () => (await _client.ListAsync<Pod>(ResourceRef.Pods, new ListOptions { Namespace = ns }, CancellationToken.None)).Items.ToList(),
            pods => pods.Count > 0 && condition(pods),
            Deadline,
            pods => $"{awaited}; pods: {string.Join("; ", pods.Select(p => $"{p.Metadata.Name} node={p.Spec?.NodeName} {p.Status?.Conditions?.FirstOrDefault()?.Message}"))}");
}
