using Ursa.Api.Core;
using Ursa.Api.Meta;
using Ursa.NodeAgent.Pods;

namespace Ursa.UnitTests.NodeAgent;

public sealed class ContainerResourcesFactoryTests
{
    private const long NodeMemory = 8L * 1024 * 1024 * 1024;

    [Theory]
    // requests cpu, limits cpu, requests memory, limits memory -> shares, quota, memory limit, oom score, qos
    [InlineData(null, null, null, null, 2L, 0L, 0L, 1000L, "BestEffort")]
    [InlineData("250m", "500m", "64Mi", "128Mi", 256L, 50_000L, 134_217_728L, 993L, "Burstable")]
    [InlineData("1", "1", "1Gi", "1Gi", 1024L, 100_000L, 1_073_741_824L, -997L, "Guaranteed")]
    [InlineData(null, "2", null, "512Mi", 2048L, 200_000L, 536_870_912L, -997L, "Guaranteed")]
    [InlineData("1m", "1m", null, null, 2L, 1_000L, 0L, 999L, "Burstable")]
    public void Create_RequestsAndLimits_KubeletValues(string? cpuRequest, string? cpuLimit, string? memRequest, string? memLimit,
        long shares, long quota, long memory, long oomScore, string qos)
    {
        var container = new Container { Name = "c", Image = "i", Resources = new ResourceRequirements { Requests = [], Limits = [] } };
        if (cpuRequest is not null) container.Resources.Requests!["cpu"] = cpuRequest;
        if (cpuLimit is not null) container.Resources.Limits!["cpu"] = cpuLimit;
        if (memRequest is not null) container.Resources.Requests!["memory"] = memRequest;
        if (memLimit is not null) container.Resources.Limits!["memory"] = memLimit;
        var pod = new Pod { Metadata = new ObjectMeta { Name = "p" }, Spec = new PodSpec { Containers = [container] } };

        var resources = ContainerResourcesFactory.Create(pod, container, NodeMemory);

        Assert.Equal((shares, quota, 100_000L, memory, oomScore), (resources.CpuShares, resources.CpuQuota, resources.CpuPeriod, resources.MemoryLimitInBytes, resources.OomScoreAdj));
        Assert.Equal(qos, ContainerResourcesFactory.QosClass(pod));
    }
}
