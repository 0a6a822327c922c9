using Ursa.Api.Core;
using Ursa.Scheduler.Framework;
using Ursa.Scheduler.Plugins;
using static Ursa.UnitTests.Scheduler.SchedulerObjects;

namespace Ursa.UnitTests.Scheduler;

public sealed class SchedulingFrameworkTests
{
    private static readonly SchedulingFramework Framework = new(
        [new NodeUnschedulable(), new NodeRuntimeReady(), new NodeAffinityPlugin(), new TaintToleration(), new NodeResourcesFit()],
        [new AllocationScore(mostAllocated: false), new NodeAffinityPlugin(), new TaintToleration()]);

    [Fact]
    public void Schedule_VmPod_NeverGoesToANodeWithoutReadyVmRuntime()
    {
        var nodes = new[] { new NodeInfo(Node("containers-only", vmReady: false)), new NodeInfo(Node("both")) };
        for (var i = 0; i < 10; i++)
        {
            Assert.Equal("both", Framework.Schedule(PodRequest.Of(VmPod("vm")), nodes).Node?.Name);
        }

        var none = Framework.Schedule(PodRequest.Of(VmPod("vm")), [new NodeInfo(Node("containers-only", vmReady: false))]);
        Assert.Null(none.Node);
        Assert.Equal("0/1 nodes are available: 1 node(s) had no ready VM runtime.", none.Message);
    }

    [Fact]
    public void Schedule_MixedPods_NeverOvercommitAndReportWhy()
    {
        var node = new NodeInfo(Node("n1", cpu: "2", memory: "4Gi"));
        var placed = 0;
        foreach (var pod in new[] { VmPod("vm1", "1", "1Gi"), ContainerPod("c1", "500m", "512Mi"), ContainerPod("c2", "500m", "512Mi") })
        {
            var result = Framework.Schedule(PodRequest.Of(pod), [node]);
            if (result.Node is { } chosen)
            {
                chosen.AddPod(pod.Metadata.Name!, PodRequest.Of(pod));
                placed++;
            }
            else
            {
                Assert.Equal("0/1 nodes are available: 1 Insufficient cpu.", result.Message);
            }
        }

        Assert.Equal(2, placed);
        Assert.True(node.Requested.MilliCpu <= node.Allocatable.MilliCpu);
    }

    [Fact]
    public void Schedule_LeastAllocated_PrefersTheEmptierNode()
    {
        var busy = new NodeInfo(Node("busy"));
        busy.AddPod("x", PodRequest.Of(ContainerPod("x", "3", "6Gi")));
        var idle = new NodeInfo(Node("idle"));
        Assert.Equal("idle", Framework.Schedule(PodRequest.Of(ContainerPod("p")), [busy, idle]).Node?.Name);
    }

    [Fact]
    public void Schedule_TaintsAndSelectors_FilterWithReasons()
    {
        var tainted = new NodeInfo(Node("gpu", with: n =>
        {
            n.Spec!.Taints = [new Taint { Key = "gpu", Value = "true", Effect = "NoSchedule" }];
            n.Metadata.Labels!["disk"] = "hdd";
        }));
        var labelled = new NodeInfo(Node("ssd", with: n => n.Metadata.Labels!["disk"] = "ssd"));
        var pod = ContainerPod("p", with: spec => spec.NodeSelector = new() { ["disk"] = "hdd" });
        var result = Framework.Schedule(PodRequest.Of(pod), [tainted, labelled]);
        Assert.Null(result.Node);
        Assert.Equal("0/2 nodes are available: 1 node(s) didn't match Pod's node affinity/selector, 1 node(s) had untolerated taint {gpu: true}.", result.Message);

        var tolerating = ContainerPod("t", with: spec => spec.Tolerations = [new Toleration { Key = "gpu", Operator = "Exists" }]);
        Assert.Equal("gpu", Framework.Schedule(PodRequest.Of(tolerating), [tainted]).Node?.Name);
    }

    [Fact]
    public void Schedule_RequiredNodeAffinity_MatchesExpressionsAndFields()
    {
        var nodes = new[] { new NodeInfo(Node("a", with: n => n.Metadata.Labels!["zone"] = "z1")), new NodeInfo(Node("b", with: n => n.Metadata.Labels!["zone"] = "z2")) };
        var pod = ContainerPod("p", with: spec => spec.Affinity = new Affinity
        {
            NodeAffinity = new NodeAffinity
            {
                RequiredDuringSchedulingIgnoredDuringExecution = new NodeSelector
                {
                    NodeSelectorTerms = [new NodeSelectorTerm { MatchExpressions = [new NodeSelectorRequirement { Key = "zone", Operator = "In", Values = ["z2"] }] }],
                },
            },
        });
        Assert.Equal("b", Framework.Schedule(PodRequest.Of(pod), nodes).Node?.Name);
    }
}
