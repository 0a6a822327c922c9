using System.Text.Json.Nodes;
using Ursa.Api.Core;
using Ursa.Api.Meta;
using Ursa.Client.Rest;
using Ursa.IntegrationTests.Infrastructure;

namespace Ursa.IntegrationTests.Controllers;

/// <summary>
/// The VM power cycle on hollow nodes with the real API server, scheduler and controllers: <c>powerSpec: Shutdown</c>
/// → the node reports the VM stopped → the pod releases its node (nodeName cleared, its resources free for another
/// pod) → <c>powerSpec: Running</c> → the scheduler binds it again and the node runs it.
/// </summary>
public sealed class VmPowerCycleTests(HollowClusterFixture hollow) : IClassFixture<HollowClusterFixture>
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);
    private readonly string _ns = "vmp-" + Guid.NewGuid().ToString("N")[..6];

    [Fact]
    public async Task ShutdownThenRunning_MovesVmPodThroughUnbindAndReschedule()
    {
        await CreateNamespaceAsync();
        var node = hollow.Nodes.NodeNames.Order(StringComparer.Ordinal).First();

        // 3 vCPUs + the declared 100m overhead on a 4-CPU node: a 1.5-CPU pod fits there only once the VM is off.
        await CreateAsync(VmPod("vm", cpu: "3", node));
        var running = await PodAsync("vm", p => p.Spec?.NodeName == node && p.Status?.Phase == "Running", $"vm Running on {node}");
        await CreateAsync(ContainerPod("filler", cpu: "1500m", node));
        await PodAsync("filler", p => p.Status?.Conditions?.Any(c => c is { Type: "PodScheduled", Status: "False", Reason: "Unschedulable" }) == true, "filler unschedulable while the VM holds the node");

        await SetPowerAsync("vm", "Shutdown");
        var released = await PodAsync("vm", p => string.IsNullOrEmpty(p.Spec?.NodeName), "vm released its node");
        var scheduled = Assert.Single(released.Status!.Conditions!, c => c.Type == "PodScheduled");
        Assert.Equal(("False", "PoweredOff"), (scheduled.Status, scheduled.Reason));
        Assert.Equal(("Pending", null, node), (released.Status.Phase, released.Status.PodIP, released.Status.NominatedNodeName));
        Assert.Equal("shutdown", released.Status.VirtualMachineStatus?.PowerState);
        Assert.Equal(running.Metadata.Uid, released.Metadata.Uid);
        await PodAsync("filler", p => p.Spec?.NodeName == node && p.Status?.Phase == "Running", $"filler Running on {node} in the room the VM freed");

        var table = (await hollow.Cluster.KubectlAsync("-n", _ns, "get", "pod", "vm", "--no-headers")).EnsureSuccess("kubectl get pod vm");
        Assert.Matches(@"^vm\s+0/1\s+Shutdown\s", table.Stdout);
        var off = (await hollow.Cluster.KubectlAsync("-n", _ns, "get", "pods", "--field-selector", "spec.virtualMachine.powerSpec=Shutdown", "-o", "name")).EnsureSuccess("kubectl get pods by powerSpec");
        Assert.Equal("pod/vm", off.Stdout.Trim());
        var poweredOff = await EventAsync("vm", "PoweredOff");
        Assert.Equal($"Released node {node}: node {node} stopped the virtual machine; powerSpec: Running schedules it again", poweredOff.Message);

        // Powered on while its node is full: Pending and unschedulable, not silently stuck.
        await SetPowerAsync("vm", "Running");
        await PodAsync("vm", p => string.IsNullOrEmpty(p.Spec?.NodeName) && p.Status?.Conditions?.Any(c => c is { Type: "PodScheduled", Status: "False", Reason: "Unschedulable" }) == true, "vm unschedulable while filler holds the node");

        await hollow.Client.DeleteAsync(ResourceRef.Pods, null, _ns, "filler", new DeleteOptions(), CancellationToken.None);
        var back = await PodAsync("vm", p => p.Spec?.NodeName == node && p.Status?.Phase == "Running" && p.Status.VirtualMachineStatus?.PowerState == "running", $"vm bound to {node} again and Running");
        Assert.Equal("True", back.Status!.Conditions!.Single(c => c.Type == "PodScheduled").Status);
    }

    [Fact]
    public async Task PoweredOnAgain_GoesBackToTheNodeItLeft_WhereItsDiskIs()
    {
        await CreateNamespaceAsync();

        // The two nodes the other test leaves alone; the scheduler picks one of them.
        var pod = VmPod("home", cpu: "1", node: null);
        pod.Spec!.Affinity = new Affinity
        {
            NodeAffinity = new NodeAffinity
            {
                RequiredDuringSchedulingIgnoredDuringExecution = new NodeSelector
                {
                    NodeSelectorTerms = [new NodeSelectorTerm { MatchExpressions = [new NodeSelectorRequirement { Key = "kubernetes.io/hostname", Operator = "In", Values = [.. hollow.Nodes.NodeNames.Order(StringComparer.Ordinal).Skip(1)] }] }],
                },
            },
        };
        await CreateAsync(pod);
        var left = (await PodAsync("home", p => p.Status?.Phase == "Running", "home Running")).Spec!.NodeName!;
        await SetPowerAsync("home", "Shutdown");
        await PodAsync("home", p => string.IsNullOrEmpty(p.Spec?.NodeName), "home released its node");

        // Its old node is now the busiest, so least-allocated scoring alone would pick another one.
        await CreateAsync(ContainerPod("busy", cpu: "2", left));
        await PodAsync("busy", p => p.Spec?.NodeName == left, $"busy bound to {left}");

        await SetPowerAsync("home", "Running");
        await PodAsync("home", p => p.Spec?.NodeName == left && p.Status?.Phase == "Running", $"home back on {left} and Running");
    }

    private async Task CreateNamespaceAsync() =>
        await hollow.Client.CreateAsync(ResourceRef.Namespaces, new Namespace { Metadata = new ObjectMeta { Name = _ns } }, CancellationToken.None);

    private Task CreateAsync(Pod pod) => hollow.Client.CreateAsync(ResourceRef.Pods, pod, CancellationToken.None);

    private Task SetPowerAsync(string name, string power) =>
        hollow.Client.PatchAsync<Pod>(ResourceRef.Pods, null, _ns, name, PatchType.Merge, new JsonObject { ["spec"] = new JsonObject { ["virtualMachine"] = new JsonObject { ["powerSpec"] = power } } }.ToJsonString(), null, CancellationToken.None);

    private Task<Pod> PodAsync(string name, Func<Pod, bool> done, string awaited) =>
        Eventually.UntilAsync(
            () => hollow.Client.GetAsync<Pod>(ResourceRef.Pods, null, _ns, name, CancellationToken.None),
            done,
            Deadline,
            p => $"{awaited} (have node={p.Spec?.NodeName} phase={p.Status?.Phase} power={p.Status?.VirtualMachineStatus?.PowerState} "
                + $"conditions={string.Join(",", p.Status?.Conditions?.Select(c => $"{c.Type}={c.Status}/{c.Reason}") ?? [])})");

    private async Task<Event> EventAsync(string pod, string reason) =>
        (await Eventually.UntilAsync(
            async () => (await hollow.Client.ListAsync<Event>(ResourceRef.Events, new ListOptions { Namespace = _ns }, CancellationToken.None)).Items,
            events => events.Any(e => e.InvolvedObject?.Name == pod && e.Reason == reason),
            Deadline,
            events => $"a {reason} event on {pod} (have {string.Join(", ", events.Select(e => $"{e.InvolvedObject?.Name}:{e.Reason}"))})"))
        .First(e => e.InvolvedObject?.Name == pod && e.Reason == reason);

    private Pod VmPod(string name, string cpu, string? node) => new()
    {
        Metadata = new ObjectMeta { Name = name, Namespace = _ns },
        Spec = new PodSpec
        {
            NodeSelector = Selector(node),
            VirtualMachine = new VirtualMachine
            {
                Name = "vm",
                Image = "ursa.local/guest/busybox:1",
                Resources = new ResourceRequirements { Requests = new() { ["cpu"] = cpu, ["memory"] = "256Mi" }, Limits = new() { ["cpu"] = cpu, ["memory"] = "256Mi" } },
            },
        },
    };

    private Pod ContainerPod(string name, string cpu, string node) => new()
    {
        Metadata = new ObjectMeta { Name = name, Namespace = _ns },
        Spec = new PodSpec
        {
            NodeSelector = Selector(node),
            Containers = [new Container { Name = "main", Image = "ursa.local/busybox:latest", Resources = new ResourceRequirements { Requests = new() { ["cpu"] = cpu } } }],
        },
    };

    private Dictionary<string, string> Selector(string? node)
    {
        var selector = new Dictionary<string, string> { ["fleet"] = hollow.Fleet };
        if (node is not null)
        {
            selector["kubernetes.io/hostname"] = node;
        }

        return selector;
    }
}
