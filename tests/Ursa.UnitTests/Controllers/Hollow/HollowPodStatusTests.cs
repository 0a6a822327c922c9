using System.Text.Json.Nodes;
using Ursa.Api.Core;
using Ursa.Api.Meta;
using Ursa.NodeAgent.Hollow;

namespace Ursa.UnitTests.Controllers.Hollow;

public sealed class HollowPodStatusTests
{
    private static Pod VmPod(string power, string? phase, string? powerState) => new()
    {
        Metadata = new ObjectMeta { Name = "vm", Uid = "u" },
        Spec = new PodSpec { NodeName = "h-0", VirtualMachine = new VirtualMachine { Name = "vm", PowerSpec = power } },
        Status = new PodStatus { Phase = phase, VirtualMachineStatus = powerState is null ? null : new VirtualMachineStatus { PowerState = powerState, RestartCount = 2 } },
    };

    [Theory]
    [InlineData("Shutdown", "Running", "running", true)]
    [InlineData("Shutdown", "Pending", null, true)]
    [InlineData("Shutdown", "Pending", "shutdown", false)]
    [InlineData("Running", "Running", "running", false)]
    [InlineData("Running", "Pending", "shutdown", false)]
    public void NeedsPowerOff_UntilShutdownIsReported(string power, string? phase, string? powerState, bool needs) =>
        Assert.Equal(needs, HollowPodStatus.NeedsPowerOff(VmPod(power, phase, powerState)));

    [Fact]
    public void PoweredOff_ReportsWhatTheRealAgentReports()
    {
        var pod = VmPod("Shutdown", "Running", "running");
        var status = JsonNode.Parse(HollowPodStatus.PoweredOff(pod, DateTimeOffset.UnixEpoch))!["status"]!;

        Assert.Equal("Pending", (string?)status["phase"]);
        Assert.Equal(("shutdown", "stopped", false, 2), ((string?)status["virtualMachineStatus"]!["powerState"], (string?)status["virtualMachineStatus"]!["state"], (bool)status["virtualMachineStatus"]!["ready"]!, (int)status["virtualMachineStatus"]!["restartCount"]!));
        Assert.Equal("False", (string?)status["conditions"]!.AsArray().Single(c => (string?)c!["type"] == "Ready")!["status"]);

        // The patch is applied as it is: once applied, the pod no longer needs one.
        pod.Status = new PodStatus { Phase = "Pending", VirtualMachineStatus = new VirtualMachineStatus { PowerState = "shutdown" } };
        Assert.False(HollowPodStatus.NeedsPowerOff(pod));
    }
}
