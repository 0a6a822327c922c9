using Ursa.Api.Core;
using Ursa.Api.Meta;
using Ursa.Controllers.VirtualMachines;

namespace Ursa.UnitTests.Controllers.VirtualMachines;

public sealed class VmPowerRulesTests
{
    private static readonly DateTimeOffset Now = ControllerObjects.T0.AddHours(1);
    private static readonly TimeSpan Grace = TimeSpan.FromSeconds(30);

    private static Pod VmPod(string power = "Shutdown", string? phase = "Pending", string? powerState = "shutdown", string? node = "node-a", bool deleting = false) => new()
    {
        Metadata = new ObjectMeta { Name = "vm", Namespace = "default", DeletionTimestamp = deleting ? Now : null },
        Spec = new PodSpec { NodeName = node, VirtualMachine = new VirtualMachine { Name = "vm", Image = "img", PowerSpec = power } },
        Status = new PodStatus { Phase = phase, VirtualMachineStatus = powerState is null ? null : new VirtualMachineStatus { PowerState = powerState } },
    };

    private static Node Node(string ready = "True", DateTimeOffset? since = null) => new()
    {
        Metadata = new ObjectMeta { Name = "node-a", CreationTimestamp = ControllerObjects.T0 },
        Status = new NodeStatus { Conditions = [new NodeCondition { Type = "Ready", Status = ready, LastTransitionTime = since ?? ControllerObjects.T0 }] },
    };

    [Fact]
    public void NodeReportsTheVmStopped_ReleasesTheNode()
    {
        var decision = VmPowerRules.Decide(VmPod(), Node(), Now, Grace);
        Assert.Equal("node node-a stopped the virtual machine", decision.ReleaseBecause);
    }

    [Theory]
    // The node has not stopped it yet (still running, or a stale shutdown from before it was powered on again).
    [InlineData("Running", "running")]
    [InlineData("Running", "shutdown")]
    [InlineData("Pending", "running")]
    [InlineData("Pending", null)]
    public void VmNotReportedStopped_OnReadyNode_Waits(string phase, string? powerState) =>
        Assert.Equal(VmPowerDecision.None, VmPowerRules.Decide(VmPod(phase: phase, powerState: powerState), Node(), Now, Grace));

    [Theory]
    [InlineData("Running", "Pending", "shutdown", "node-a", false)]
    [InlineData("Paused", "Running", "paused", "node-a", false)]
    [InlineData("Shutdown", "Pending", "shutdown", null, false)]
    [InlineData("Shutdown", "Pending", "shutdown", "node-a", true)]
    [InlineData("Shutdown", "Succeeded", "shutdown", "node-a", false)]
    public void NotACandidate_NothingToDo(string power, string phase, string powerState, string? node, bool deleting)
    {
        var pod = VmPod(power, phase, powerState, node, deleting);
        Assert.False(VmPowerRules.IsCandidate(pod));
        Assert.Equal(VmPowerDecision.None, VmPowerRules.Decide(pod, Node(), Now, Grace));
    }

    [Fact]
    public void ContainerPod_IsNeverACandidate() =>
        Assert.False(VmPowerRules.IsCandidate(new Pod { Metadata = new ObjectMeta { Name = "c" }, Spec = new PodSpec { NodeName = "node-a", Containers = [new Container { Name = "c" }] } }));

    [Fact]
    public void NodeGone_ReleasesAtOnce_EvenWithoutTheVmReportedStopped()
    {
        var decision = VmPowerRules.Decide(VmPod(phase: "Running", powerState: "running"), null, Now, Grace);
        Assert.Equal("node node-a is gone", decision.ReleaseBecause);
    }

    [Fact]
    public void NodeNotReady_WithinGrace_LooksAgainWhenItRunsOut()
    {
        var since = Now.AddSeconds(-10);
        var decision = VmPowerRules.Decide(VmPod(phase: "Running", powerState: "running"), Node("Unknown", since), Now, Grace);
        Assert.Equal(VmPowerDecision.At(since + Grace), decision);
    }

    [Fact]
    public void NodeNotReady_PastGrace_Releases()
    {
        var decision = VmPowerRules.Decide(VmPod(phase: "Running", powerState: "running"), Node("False", Now.AddSeconds(-45)), Now, Grace);
        Assert.Equal("node node-a has not been Ready for 45 s", decision.ReleaseBecause);
    }
}
