using Ursa.Api.Core;
using Ursa.Api.Meta;
using Ursa.ApiServer.Tables;

namespace Ursa.UnitTests.ApiServer.Tables;

public sealed class PodColumnsTests
{
    [Theory]
    // phase, container states ("run", "wait:REASON", "term:REASON:CODE") -> STATUS as kubectl prints it
    [InlineData("Pending", new string[0], "Pending")]
    [InlineData("Pending", new[] { "wait:ContainerCreating" }, "ContainerCreating")]
    [InlineData("Pending", new[] { "wait:ImagePullBackOff" }, "ImagePullBackOff")]
    [InlineData("Running", new[] { "run" }, "Running")]
    [InlineData("Running", new[] { "wait:CrashLoopBackOff" }, "CrashLoopBackOff")]
    [InlineData("Succeeded", new[] { "term:Completed:0" }, "Completed")]
    [InlineData("Failed", new[] { "term:Error:3" }, "Error")]
    [InlineData("Failed", new[] { "term::3" }, "ExitCode:3")]
    [InlineData("Failed", new[] { "term:StartError:128" }, "StartError")]
    [InlineData("Running", new[] { "term:Completed:0", "run" }, "Running")]
    [InlineData("Running", new[] { "run", "term:Error:1" }, "Error")]
    public void Status_LikeKubectlPrintPod(string phase, string[] containers, string expected)
    {
        var pod = new Pod
        {
            Metadata = new ObjectMeta { Name = "p" },
            Spec = new PodSpec(),
            Status = new PodStatus { Phase = phase, ContainerStatuses = [.. containers.Select(State)] },
        };

        Assert.Equal(expected, PodColumns.Status(pod));
    }

    [Theory]
    // phase, powerSpec, powerState -> STATUS of a VM pod
    [InlineData("Running", "Running", "running", "Running")]
    [InlineData("Pending", "Shutdown", "shutdown", "Shutdown")]
    [InlineData("Pending", "Running", "shutdown", "Pending")]
    [InlineData("Running", "Running", "shutdown", "Shutdown")]
    [InlineData("Running", "Paused", "paused", "Paused")]
    public void Status_VmPod_ShowsPoweredOffAsShutdownUntilPowerSpecIsRunning(string phase, string powerSpec, string powerState, string expected)
    {
        var pod = new Pod
        {
            Metadata = new ObjectMeta { Name = "p" },
            Spec = new PodSpec { VirtualMachine = new VirtualMachine { Name = "vm", PowerSpec = powerSpec } },
            Status = new PodStatus { Phase = phase, VirtualMachineStatus = new VirtualMachineStatus { PowerState = powerState } },
        };

        Assert.Equal(expected, PodColumns.Status(pod));
    }

    private static ContainerStatus State(string text)
    {
        var parts = text.Split(':');
        return parts[0] switch
        {
            "run" => new ContainerStatus { Name = "c", Ready = true, State = new ContainerState { Running = new ContainerStateRunning() } },
            "wait" => new ContainerStatus { Name = "c", State = new ContainerState { Waiting = new ContainerStateWaiting { Reason = parts[1] } } },
            _ => new ContainerStatus { Name = "c", State = new ContainerState { Terminated = new ContainerStateTerminated { Reason = parts[1].Length == 0 ? null : parts[1], ExitCode = int.Parse(parts[2], System.Globalization.CultureInfo.InvariantCulture) } } },
        };
    }
}
