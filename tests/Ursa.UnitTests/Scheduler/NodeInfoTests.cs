using Ursa.Api.Core;
using Ursa.Scheduler.Framework;
using Ursa.Scheduler.Plugins;
using static Ursa.UnitTests.Scheduler.SchedulerObjects;

namespace Ursa.UnitTests.Scheduler;

/// <summary>What the filters read is copied out of the node object: an update must be seen by the next decision.</summary>
public sealed class NodeInfoTests
{
    private static readonly SchedulingFramework Framework = DefaultPlugins.CreateFramework(packNodes: false);

    [Fact]
    public void Update_CordonTaintsAndLabels_AreSeenByTheNextDecision()
    {
        var info = new NodeInfo(Node("n1"));
        var selective = ContainerPod("p", with: spec => spec.NodeSelector = new() { ["disk"] = "ssd" });
        Assert.Null(Framework.Schedule(PodRequest.Of(selective), [info]).Node);

        info.Update(Node("n1", with: n => n.Metadata.Labels!["disk"] = "ssd"));
        Assert.Equal("n1", Framework.Schedule(PodRequest.Of(selective), [info]).Node?.Name);

        info.Update(Node("n1", with: n => n.Spec!.Unschedulable = true));
        Assert.True(info.Unschedulable);
        Assert.Equal("0/1 nodes are available: 1 node(s) were unschedulable.", Framework.Schedule(PodRequest.Of(ContainerPod("q")), [info]).Message);

        info.Update(Node("n1", with: n => n.Spec!.Taints = [new Taint { Key = "k", Value = "v", Effect = "NoExecute" }]));
        Assert.False(info.Unschedulable);
        Assert.Equal("0/1 nodes are available: 1 node(s) had untolerated taint {k: v}.", Framework.Schedule(PodRequest.Of(ContainerPod("q")), [info]).Message);

        info.Update(Node("n1"));
        Assert.Empty(info.Taints);
        Assert.Equal("n1", Framework.Schedule(PodRequest.Of(ContainerPod("q")), [info]).Node?.Name);
    }

    [Fact]
    public void Update_TaintListChangedInPlace_IsNotSeenUntilTheNextUpdate()
    {
        // The copy is the point: the scheduler's view changes when the informer delivers a new object, not when
        // someone mutates the old one.
        var node = Node("n1", with: n => n.Spec!.Taints = []);
        var info = new NodeInfo(node);
        node.Spec!.Taints!.Add(new Taint { Key = "k", Effect = "NoSchedule" });
        Assert.Empty(info.Taints);
        info.Update(node);
        Assert.Single(info.Taints);
    }

    [Theory]
    [InlineData("1", "1Gi", "1", null)]
    [InlineData("8", "1Gi", "1", "cpu")]
    [InlineData("1", "64Gi", "1", "memory")]
    [InlineData("8", "64Gi", "1", "cpu")]
    [InlineData("1", "1Gi", "3", "devices.ursa.io/gpu")]
    public void FirstInsufficient_NamesTheFirstResourceThatDoesNotFit(string cpu, string memory, string gpus, string? expected)
    {
        var allocatable = ResourceVector.From(new Dictionary<string, string> { ["cpu"] = "4", ["memory"] = "16Gi", ["pods"] = "110", ["devices.ursa.io/gpu"] = "2" });
        var used = ResourceVector.From(new Dictionary<string, string> { ["cpu"] = "1", ["memory"] = "8Gi" });
        var request = ResourceVector.From(new Dictionary<string, string> { ["cpu"] = cpu, ["memory"] = memory, ["devices.ursa.io/gpu"] = gpus });
        request.PodCount = 1;
        Assert.Equal(expected, request.FirstInsufficient(used, allocatable));
    }

    [Fact]
    public void FirstInsufficient_FullNode_IsTooManyPods()
    {
        var allocatable = ResourceVector.From(new Dictionary<string, string> { ["cpu"] = "4", ["pods"] = "2" });
        var used = new ResourceVector { PodCount = 2 };
        Assert.Equal(ResourceVector.Pods, new ResourceVector { PodCount = 1 }.FirstInsufficient(used, allocatable));
        var result = new NodeResourcesFit().Filter(PodRequest.Of(ContainerPod("p", cpu: "1")), new NodeInfo(Node("n", pods: "0")));
        Assert.Equal("Too many pods", result.Reason);
    }
}
