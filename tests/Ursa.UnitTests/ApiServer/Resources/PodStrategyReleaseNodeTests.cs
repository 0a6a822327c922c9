using System.Text.Json;
using Ursa.Api.Core;
using Ursa.Api.Meta;
using Ursa.Api.Serialization;
using Ursa.ApiServer.Resources;
using Ursa.ApiServer.Resources.Strategies;
using Ursa.ApiServer.Validation;
using Ursa.UnitTests.Testing;

namespace Ursa.UnitTests.ApiServer.Resources;

/// <summary>The power cycle's API rule: only a VM pod with powerSpec Shutdown may clear its bound nodeName.</summary>
public sealed class PodStrategyReleaseNodeTests
{
    private static readonly DateTimeOffset Now = new ManualTimeProvider().GetUtcNow();

    private static Pod BoundVm(string power, string node = "node-a") => new()
    {
        Metadata = new ObjectMeta { Name = "vm-pod", Namespace = "default", Uid = "u1" },
        Spec = new PodSpec { NodeName = node, VirtualMachine = new VirtualMachine { Name = "vm", Image = "img", PowerSpec = power } },
        Status = new PodStatus
        {
            Phase = "Pending",
            HostIP = "10.0.0.1",
            HostIPs = [new HostIp { Ip = "10.0.0.1" }],
            PodIP = "10.88.0.5",
            PodIPs = [new PodIp { Ip = "10.88.0.5" }],
            Conditions =
            [
                new PodCondition { Type = "PodScheduled", Status = "True" },
                new PodCondition { Type = "Ready", Status = "False", Reason = "Shutdown", LastTransitionTime = Now.AddMinutes(-5) },
                new PodCondition { Type = "VirtualMachineReady", Status = "False", Reason = "Shutdown" },
            ],
            VirtualMachineStatus = new VirtualMachineStatus { Name = "vm", PowerState = "shutdown", State = "stopped" },
        },
    };

    private static Pod Updated(Pod old, Action<Pod> change)
    {
        var pod = JsonSerializer.Deserialize(JsonSerializer.Serialize(old, UrsaJsonContext.Default.Pod), UrsaJsonContext.Default.Pod)!;
        change(pod);
        return pod;
    }

    private static (Pod Pod, FieldErrorList Errors) Update(Pod pod, Pod old)
    {
        IResourceStrategy strategy = new PodStrategy(new ManualTimeProvider());
        strategy.PrepareForUpdate(pod, old);
        var errors = new FieldErrorList();
        strategy.ValidateUpdate(pod, old, errors);
        return (pod, errors);
    }

    [Fact]
    public void ClearingNodeName_OfShutdownVm_ReleasesTheNodeAndResetsNodeBoundStatus()
    {
        var old = BoundVm("Shutdown");
        var (pod, errors) = Update(Updated(old, p => p.Spec!.NodeName = null), old);

        Assert.Empty(errors.Causes);
        var status = pod.Status!;
        Assert.Equal(("Pending", null, null, "node-a"), (status.Phase, status.HostIP, status.PodIP, status.NominatedNodeName));
        Assert.Null(status.PodIPs);
        var scheduled = status.Conditions!.Single(c => c.Type == "PodScheduled");
        Assert.Equal(("False", PodStrategy.PoweredOffReason, Now), (scheduled.Status, scheduled.Reason, scheduled.LastTransitionTime));
        Assert.Contains("node-a", scheduled.Message, StringComparison.Ordinal);
        var ready = status.Conditions!.Single(c => c.Type == "Ready");
        Assert.Equal(("False", PodStrategy.PoweredOffReason, Now.AddMinutes(-5)), (ready.Status, ready.Reason, ready.LastTransitionTime));
        Assert.Single(status.Conditions!, c => c.Type == "VirtualMachineReady");
        Assert.Equal("shutdown", status.VirtualMachineStatus!.PowerState);
    }

    [Theory]
    [InlineData("Running", null)]
    [InlineData("Paused", null)]
    [InlineData("Shutdown", "node-b")]
    public void ChangingNodeName_OtherwiseStaysForbidden(string power, string? newNode)
    {
        var old = BoundVm(power);
        var (pod, errors) = Update(Updated(old, p => p.Spec!.NodeName = newNode), old);

        var cause = Assert.Single(errors.Causes);
        Assert.Equal(("FieldValueForbidden", "spec.nodeName"), (cause.Reason, cause.Field));
        Assert.Equal("10.0.0.1", pod.Status!.HostIP);
    }

    [Fact]
    public void ClearingNodeName_OfContainerPod_IsForbidden()
    {
        var old = new Pod
        {
            Metadata = new ObjectMeta { Name = "c" },
            Spec = new PodSpec { NodeName = "node-a", Containers = [new Container { Name = "c", Image = "busybox" }] },
        };
        var (_, errors) = Update(Updated(old, p => p.Spec!.NodeName = ""), old);

        Assert.Equal("spec.nodeName", Assert.Single(errors.Causes).Field);
    }

    [Fact]
    public void ClearingNodeName_OfPodBeingDeleted_IsForbidden()
    {
        var old = BoundVm("Shutdown");
        old.Metadata.DeletionTimestamp = Now;
        var (_, errors) = Update(Updated(old, p => p.Spec!.NodeName = null), old);

        Assert.Equal("spec.nodeName", Assert.Single(errors.Causes).Field);
    }

    [Fact]
    public void PoweringOffAndReleasingInOneWrite_IsAllowed()
    {
        var old = BoundVm("Running");
        var (pod, errors) = Update(Updated(old, p => (p.Spec!.NodeName, p.Spec.VirtualMachine!.PowerSpec) = (null, "Shutdown")), old);

        Assert.Empty(errors.Causes);
        Assert.Equal("False", pod.Status!.Conditions!.Single(c => c.Type == "PodScheduled").Status);
    }
}
