using Ursa.Api.Core;
using Ursa.Api.Meta;
using Ursa.Cri.Vm;
using Ursa.NodeAgent.Pods;
using Ursa.NodeAgent.VirtualMachines;
using CriApi = Ursa.Cri.V1;

namespace Ursa.UnitTests.NodeAgent.VirtualMachines;

public sealed class VmPodStatusConverterTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 21, 9, 0, 0, TimeSpan.Zero);

    private static Pod Pod(string powerSpec = "Running", string restartPolicy = "Always") => new()
    {
        Metadata = new ObjectMeta { Name = "vm", Namespace = "default", Uid = "u1" },
        Spec = new PodSpec
        {
            RestartPolicy = restartPolicy,
            VirtualMachine = new VirtualMachine { Name = "vm", Image = "ursa.local/guest/busybox:latest", PowerSpec = powerSpec },
        },
    };

    private static VmPodStatusConverter.Input Input(VirtualMachineStatusResponse? vm, ContainerWaiting? waiting = null)
    {
        var sandbox = new CriApi.PodSandbox { Id = "sb", Metadata = new CriApi.PodSandboxMetadata() };
        var sandboxStatus = new CriApi.PodSandboxStatus { Id = "sb", State = CriApi.PodSandboxState.SandboxReady, Network = new CriApi.PodSandboxNetworkStatus { Ip = "10.88.0.7" } };
        return new VmPodStatusConverter.Input(new ObservedPod(sandbox, sandboxStatus, [], []), vm, waiting, "127.0.0.1", Now);
    }

    private static VirtualMachineStatusResponse Vm(PowerState power, bool booted = false, string message = "") =>
        new() { PowerState = power, Booted = booted, Vcpus = 2, MemoryBytes = 512L << 20, Message = message };

    [Theory]
    [InlineData(null, false, "Running", "Always", "Pending", "nostate", "building", false, "VirtualMachineCreating")]
    [InlineData(PowerState.Created, false, "Running", "Always", "Pending", "nostate", "building", false, "Created")]
    [InlineData(PowerState.Running, false, "Running", "Always", "Running", "running", "active", false, "GuestBooting")]
    [InlineData(PowerState.Running, true, "Running", "Always", "Running", "running", "active", true, null)]
    [InlineData(PowerState.Paused, true, "Paused", "Always", "Running", "paused", "paused", false, "Paused")]
    [InlineData(PowerState.Shutdown, false, "Shutdown", "Always", "Pending", "shutdown", "stopped", false, "Shutdown")]
    [InlineData(PowerState.Shutdown, false, "Running", "Always", "Running", "shutdown", "stopped", false, "Shutdown")]
    [InlineData(PowerState.Shutdown, false, "Running", "Never", "Succeeded", "shutdown", "stopped", false, "Shutdown")]
    [InlineData(PowerState.Crashed, false, "Running", "Never", "Failed", "crashed", "error", false, "Crashed")]
    [InlineData(PowerState.Crashed, false, "Running", "OnFailure", "Running", "crashed", "error", false, "Crashed")]
    public void Power_state_boot_and_policy_decide_phase_and_readiness(PowerState? power, bool booted, string powerSpec, string policy, string phase, string powerState, string state, bool ready, string? reason)
    {
        var status = VmPodStatusConverter.Convert(Pod(powerSpec, policy), Input(power is { } p ? Vm(p, booted) : null));

        Assert.Equal(phase, status.Phase);
        Assert.Equal((powerState, state, ready), (status.VirtualMachineStatus!.PowerState, status.VirtualMachineStatus.State, status.VirtualMachineStatus.Ready));
        foreach (var type in new[] { "VirtualMachineReady", "Ready", "ContainersReady" })
        {
            var condition = status.Conditions!.Single(c => c.Type == type);
            Assert.Equal((ready ? "True" : "False", reason), (condition.Status, condition.Reason));
        }

        Assert.Equal("10.88.0.7", status.PodIP);
    }

    [Fact]
    public void Waiting_reason_wins_and_sizes_are_reported_as_resources()
    {
        var status = VmPodStatusConverter.Convert(Pod(), Input(null, new ContainerWaiting("ErrImagePull", "not found")));
        Assert.Equal(("ErrImagePull", "not found"), (status.Conditions!.Single(c => c.Type == "Ready").Reason, status.Conditions!.Single(c => c.Type == "Ready").Message));

        var running = VmPodStatusConverter.Convert(Pod(), Input(new VirtualMachineStatusResponse { PowerState = PowerState.Running, Booted = true, Vcpus = 2, MemoryBytes = 512L << 20, PendingVcpus = 1 }));
        Assert.Equal(("2", "512Mi"), (running.VirtualMachineStatus!.Resources!.Limits!["cpu"], running.VirtualMachineStatus.Resources.Limits["memory"]));
        Assert.Equal("1", running.VirtualMachineStatus.PendingResources!.Limits!["cpu"]);
    }

    [Fact]
    public void Transition_time_is_kept_while_a_condition_holds()
    {
        var pod = Pod();
        var first = VmPodStatusConverter.Convert(pod, Input(Vm(PowerState.Running, booted: true)));
        pod.Status = first;
        var later = VmPodStatusConverter.Convert(pod, Input(Vm(PowerState.Running, booted: true)) with { Now = Now.AddMinutes(5) });
        Assert.Equal(Now, later.Conditions!.Single(c => c.Type == "VirtualMachineReady").LastTransitionTime);
    }
}
