using System.Text;
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

    private static readonly DateTimeOffset Now = new(2026, 11, 22, 1, 2, 3, 456, TimeSpan.FromHours(2));

    [Fact]
    public void Running_Container_IsTheExactPatchTheNodeSends()
    {
        var pod = new Pod
        {
            Metadata = new ObjectMeta { Name = "web", Uid = "u-1" },
            Spec = new PodSpec { NodeName = "h-0", Containers = [new Container { Name = "app", Image = "reg/app:1+<x>" }, new Container { Name = "side", Image = "busybox" }] },
            Status = new PodStatus { Phase = "Pending", StartTime = new DateTimeOffset(2026, 11, 21, 23, 0, 0, TimeSpan.Zero) },
        };

        const string Expected = """{"status":{"phase":"Running","startTime":"2026-11-21T23:00:00Z","hostIP":"127.0.0.1","podIP":"127.0.0.1","conditions":[{"type":"Initialized","status":"True","lastTransitionTime":"2026-11-21T23:02:03Z"},{"type":"ContainersReady","status":"True","lastTransitionTime":"2026-11-21T23:02:03Z"},{"type":"Ready","status":"True","lastTransitionTime":"2026-11-21T23:02:03Z"}],"containerStatuses":[{"name":"app","image":"reg/app:1\u002B\u003Cx\u003E","imageID":"reg/app:1\u002B\u003Cx\u003E","containerID":"hollow://u-1/app","ready":true,"started":true,"restartCount":3,"state":{"running":{"startedAt":"2026-11-21T23:02:03Z"}}},{"name":"side","image":"busybox","imageID":"busybox","containerID":"hollow://u-1/side","ready":true,"started":true,"restartCount":3,"state":{"running":{"startedAt":"2026-11-21T23:02:03Z"}}}]}}""";
        Assert.Equal(Expected, Text(HollowPodStatus.Running(pod, Now, restartCount: 3)));
    }

    [Fact]
    public void Running_VmWithoutStartTime_StartsNow()
    {
        var pod = VmPod("Running", "Pending", null);

        const string Expected = """{"status":{"phase":"Running","startTime":"2026-11-21T23:02:03Z","hostIP":"127.0.0.1","podIP":"127.0.0.1","conditions":[{"type":"Initialized","status":"True","lastTransitionTime":"2026-11-21T23:02:03Z"},{"type":"ContainersReady","status":"True","lastTransitionTime":"2026-11-21T23:02:03Z"},{"type":"Ready","status":"True","lastTransitionTime":"2026-11-21T23:02:03Z"}],"virtualMachineStatus":{"name":"vm","state":"active","powerState":"running","ready":true,"restartCount":0}}}""";
        Assert.Equal(Expected, Text(HollowPodStatus.Running(pod, Now)));
    }

    [Fact]
    public void Running_TheNextSecond_CarriesTheNextTimestamp()
    {
        var pod = VmPod("Running", "Pending", null);
        _ = HollowPodStatus.Running(pod, Now);

        var status = JsonNode.Parse(HollowPodStatus.Running(pod, Now.AddSeconds(1)))!["status"]!;

        Assert.Equal("2026-11-21T23:02:04Z", (string?)status["conditions"]![0]!["lastTransitionTime"]);
    }

    [Fact]
    public void PoweredOff_IsTheExactPatchTheNodeSends()
    {
        const string Expected = """{"status":{"phase":"Pending","conditions":[{"type":"Initialized","status":"True","lastTransitionTime":"2026-11-21T23:02:03Z"},{"type":"ContainersReady","status":"False","lastTransitionTime":"2026-11-21T23:02:03Z","reason":"Shutdown"},{"type":"Ready","status":"False","lastTransitionTime":"2026-11-21T23:02:03Z","reason":"Shutdown"}],"virtualMachineStatus":{"name":"vm","state":"stopped","powerState":"shutdown","ready":false,"restartCount":2}}}""";
        Assert.Equal(Expected, Text(HollowPodStatus.PoweredOff(VmPod("Shutdown", "Running", "running"), Now)));
    }

    [Fact]
    public void Terminated_Container_IsTheExactPatchTheNodeSends()
    {
        var pod = new Pod
        {
            Metadata = new ObjectMeta { Name = "job", Uid = "u-2" },
            Spec = new PodSpec { NodeName = "h-0", Containers = [new Container { Name = "a", Image = "busybox" }, new Container { Name = "b", Image = "reg/b:1+<x>" }] },
        };

        const string Expected = """{"status":{"phase":"Failed","conditions":[{"type":"Initialized","status":"True","lastTransitionTime":"2026-11-21T23:02:03Z"},{"type":"ContainersReady","status":"False","lastTransitionTime":"2026-11-21T23:02:03Z","reason":"PodCompleted"},{"type":"Ready","status":"False","lastTransitionTime":"2026-11-21T23:02:03Z","reason":"PodCompleted"}],"containerStatuses":[{"name":"a","image":"busybox","imageID":"busybox","containerID":"hollow://u-2/a","ready":false,"started":false,"restartCount":4,"state":{"terminated":{"exitCode":137,"reason":"Error","startedAt":"2026-11-21T23:01:03Z","finishedAt":"2026-11-21T23:02:03Z"}}},{"name":"b","image":"reg/b:1\u002B\u003Cx\u003E","imageID":"reg/b:1\u002B\u003Cx\u003E","containerID":"hollow://u-2/b","ready":false,"started":false,"restartCount":4,"state":{"terminated":{"exitCode":137,"reason":"Error","startedAt":"2026-11-21T23:01:03Z","finishedAt":"2026-11-21T23:02:03Z"}}}]}}""";
        Assert.Equal(Expected, Text(HollowPodStatus.Terminated(pod, 137, Now.AddMinutes(-1), Now, restartCount: 4)));
    }

    [Fact]
    public void Terminated_Vm_IsTheExactPatchTheNodeSends()
    {
        const string Expected = """{"status":{"phase":"Succeeded","conditions":[{"type":"Initialized","status":"True","lastTransitionTime":"2026-11-21T23:02:03Z"},{"type":"ContainersReady","status":"False","lastTransitionTime":"2026-11-21T23:02:03Z","reason":"PodCompleted"},{"type":"Ready","status":"False","lastTransitionTime":"2026-11-21T23:02:03Z","reason":"PodCompleted"}],"virtualMachineStatus":{"name":"vm","state":"stopped","powerState":"shutdown","ready":false,"restartCount":1}}}""";
        Assert.Equal(Expected, Text(HollowPodStatus.Terminated(VmPod("Running", "Running", "running"), 0, Now.AddMinutes(-1), Now, restartCount: 1)));
    }

    private static string Text(byte[] patch) => Encoding.UTF8.GetString(patch);
}
