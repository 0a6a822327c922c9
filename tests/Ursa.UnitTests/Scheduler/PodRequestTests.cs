using Ursa.Api.Core;
using Ursa.Scheduler.Framework;
using static Ursa.UnitTests.Scheduler.SchedulerObjects;

namespace Ursa.UnitTests.Scheduler;

public sealed class PodRequestTests
{
    [Fact]
    public void Of_ContainerPod_SumsContainersAndTakesLargerInitContainer()
    {
        var pod = ContainerPod("p", "500m", "256Mi", spec =>
        {
            spec.Containers!.Add(new Container { Name = "b", Image = "i", Resources = new ResourceRequirements { Limits = new() { ["cpu"] = "250m" } } });
            spec.InitContainers = [new Container { Name = "init", Image = "i", Resources = new ResourceRequirements { Requests = new() { ["memory"] = "1Gi" } } }];
        });
        var request = PodRequest.Of(pod);
        Assert.Equal((WorkloadType.Container, 750L, 1024L * 1024 * 1024, 1L), (request.Workload, request.Resources.MilliCpu, request.Resources.MemoryBytes, request.Resources.PodCount));
    }

    [Fact]
    public void Of_VmPod_CountsWholeGuestPlusDeclaredOverhead()
    {
        var request = PodRequest.Of(VmPod("vm", "2", "1Gi"));
        Assert.Equal((WorkloadType.VirtualMachine, 2100L, (1024L + 128) * 1024 * 1024), (request.Workload, request.Resources.MilliCpu, request.Resources.MemoryBytes));
    }

    [Fact]
    public void Of_VmPodWithOnlyLimits_UsesTheLimits()
    {
        var pod = VmPod("vm", with: spec => spec.VirtualMachine!.Resources = new ResourceRequirements { Limits = new() { ["cpu"] = "3", ["memory"] = "2Gi" } });
        Assert.Equal(3100L, PodRequest.Of(pod).Resources.MilliCpu);
    }
}
