using Ursa.Scheduler.Cache;
using Ursa.Scheduler.Framework;
using static Ursa.UnitTests.Scheduler.SchedulerObjects;

namespace Ursa.UnitTests.Scheduler;

public sealed class SchedulerCacheTests
{
    private static (SchedulerCache Cache, NodeInfo Node) CacheWithNode()
    {
        var cache = new SchedulerCache();
        cache.UpsertNode(Node("node-a", cpu: "2"));
        var node = cache.Decide(cluster => cluster.Nodes.Single());
        return (cache, node);
    }

    [Fact]
    public void ForgetReleased_BoundPod_FreesItsResources()
    {
        var (cache, node) = CacheWithNode();
        var pod = VmPod("vm", cpu: "1");
        pod.Spec!.NodeName = "node-a";
        cache.AddBoundPod("system/default/vm", pod);
        Assert.NotEqual(0, node.Requested.MilliCpu);

        Assert.True(cache.ForgetReleased("system/default/vm"));

        Assert.Equal(0, node.Requested.MilliCpu);
        Assert.False(cache.IsAssumedOrBound("system/default/vm"));
        Assert.False(cache.ForgetReleased("system/default/vm"));
    }

    [Fact]
    public void ForgetReleased_AssumedPod_IsKept_ItsBindMayStillBeInFlight()
    {
        var (cache, node) = CacheWithNode();
        cache.Assume("system/default/vm", PodRequest.Of(VmPod("vm", cpu: "1")), node);

        Assert.False(cache.ForgetReleased("system/default/vm"));

        Assert.True(cache.IsAssumedOrBound("system/default/vm"));
        Assert.NotEqual(0, node.Requested.MilliCpu);
    }
}
