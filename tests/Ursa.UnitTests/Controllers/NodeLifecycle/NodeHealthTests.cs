using Ursa.Api.Core;
using Ursa.Api.Meta;
using Ursa.Controllers.NodeLifecycle;
using static Ursa.UnitTests.Controllers.ControllerObjects;

namespace Ursa.UnitTests.Controllers.NodeLifecycle;

public sealed class NodeHealthTests
{
    [Fact]
    public void Stale_OnlyPastTheGracePeriod()
    {
        var grace = TimeSpan.FromSeconds(40);
        Assert.False(NodeHealth.Stale(T0, T0.AddSeconds(40), grace));
        Assert.True(NodeHealth.Stale(T0, T0.AddSeconds(41), grace));
    }

    [Fact]
    public void DefaultToleration_EvictsAfter300Seconds()
    {
        var pod = PodWith(new Toleration { Key = NodeHealth.UnreachableTaint, Operator = "Exists", Effect = "NoExecute", TolerationSeconds = 300 });
        Assert.Equal(T0.AddSeconds(300), NodeHealth.EvictionTime(pod, T0));
    }

    [Fact]
    public void NoMatchingToleration_EvictsAtOnce()
    {
        var pod = PodWith(new Toleration { Key = "other", Operator = "Exists", Effect = "NoExecute", TolerationSeconds = 5 });
        Assert.Equal(T0, NodeHealth.EvictionTime(pod, T0));
        Assert.Equal(T0, NodeHealth.EvictionTime(PodWith(), T0));
    }

    [Fact]
    public void TolerationWithoutSeconds_NeverEvicted() =>
        Assert.Null(NodeHealth.EvictionTime(PodWith(new Toleration { Operator = "Exists" }), T0));

    [Fact]
    public void NoScheduleOnlyToleration_DoesNotCount() =>
        Assert.Equal(T0, NodeHealth.EvictionTime(PodWith(new Toleration { Key = NodeHealth.UnreachableTaint, Operator = "Exists", Effect = "NoSchedule" }), T0));

    [Fact]
    public void ShortestMatchingTolerationWins()
    {
        var pod = PodWith(
            new Toleration { Key = NodeHealth.UnreachableTaint, Operator = "Exists", Effect = "NoExecute", TolerationSeconds = 300 },
            new Toleration { Key = NodeHealth.UnreachableTaint, Effect = "NoExecute", TolerationSeconds = 2 });
        Assert.Equal(T0.AddSeconds(2), NodeHealth.EvictionTime(pod, T0));
    }

    [Fact]
    public void TaintedSince_ReadsTheNoExecuteTaint()
    {
        var node = new Node { Metadata = new ObjectMeta { Name = "n" }, Spec = new NodeSpec { Taints = [.. NodeHealth.UnreachableTaints(T0)] } };
        Assert.Equal(T0, NodeHealth.TaintedSince(node));
        Assert.Equal(["NoSchedule", "NoExecute"], node.Spec.Taints!.Select(t => t.Effect));
        Assert.Null(NodeHealth.TaintedSince(new Node { Metadata = new ObjectMeta { Name = "n" }, Spec = new NodeSpec() }));
    }

    private static Pod PodWith(params Toleration[] tolerations) =>
        new() { Metadata = new ObjectMeta { Name = "p" }, Spec = new PodSpec { Tolerations = [.. tolerations] } };
}
