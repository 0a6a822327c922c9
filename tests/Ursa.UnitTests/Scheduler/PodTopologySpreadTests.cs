using Ursa.Api.Core;
using Ursa.Api.Meta;
using Ursa.Scheduler.Plugins;
using static Ursa.UnitTests.Scheduler.SchedulingHarness;

namespace Ursa.UnitTests.Scheduler;

public sealed class PodTopologySpreadTests
{
    private static readonly Dictionary<string, string> Web = new() { ["app"] = "web" };

    [Fact]
    public void DoNotSchedule_MaxSkewOne_KeepsZonesWithinOne_EvenWhenOneZoneHasMoreNodes()
    {
        var cluster = new SchedulingHarness();
        cluster.AddNode("a1", zone: "a");
        cluster.AddNode("a2", zone: "a");
        cluster.AddNode("a3", zone: "a");
        cluster.AddNode("b1", zone: "b");
        var zones = new Dictionary<string, int> { ["a"] = 0, ["b"] = 0 };
        for (var i = 0; i < 9; i++)
        {
            var node = cluster.Schedule(Spread($"web-{i}")).Node!;
            zones[node.Node.Metadata.Labels!["zone"]]++;
            Assert.True(Math.Abs(zones["a"] - zones["b"]) <= 1, $"after {i + 1} pods: a={zones["a"]} b={zones["b"]}");
        }
    }

    [Fact]
    public void DoNotSchedule_SaysWhy_WhenEveryNodeWouldExceedTheSkew()
    {
        var cluster = new SchedulingHarness();
        cluster.AddNode("a1", zone: "a");
        cluster.AddNode("b1", zone: "b", with: n => n.Spec!.Unschedulable = true);
        cluster.Bind(Pod("old", Web), "b1");
        cluster.Bind(Pod("old-2", Web), "a1");
        cluster.Bind(Pod("old-3", Web), "a1");

        // a has 2, b has 1: a third in a would make the skew 2.
        var result = cluster.Schedule(Spread("web"));
        Assert.Null(result.Node);
        Assert.Equal($"0/2 nodes are available: 1 {PodTopologySpread.SkewTooLarge}, 1 node(s) were unschedulable.", result.Message);
    }

    [Fact]
    public void NodesMissingTheKey_AreRejected()
    {
        var cluster = new SchedulingHarness();
        cluster.AddNode("plain");
        var result = cluster.Schedule(Spread("web"));
        Assert.Equal($"0/1 nodes are available: 1 {PodTopologySpread.MissingLabel}.", result.Message);
    }

    [Fact]
    public void OnlyNodesPassingTheNodeSelector_FormDomains()
    {
        // Zone c has no node the pod may use: with nodeAffinityPolicy Honor it is not a domain, so its empty count
        // does not hold the others back; with Ignore it does.
        var cluster = new SchedulingHarness();
        cluster.AddNode("a1", zone: "a", with: n => n.Metadata.Labels!["pool"] = "web");
        cluster.AddNode("b1", zone: "b", with: n => n.Metadata.Labels!["pool"] = "web");
        cluster.AddNode("c1", zone: "c");
        for (var i = 0; i < 4; i++)
        {
            Assert.NotNull(cluster.Schedule(Spread($"web-{i}", pool: "web")).Node);
        }

        var ignoring = Spread("web-x", pool: "web");
        ignoring.Spec!.TopologySpreadConstraints![0].NodeAffinityPolicy = "Ignore";
        Assert.Null(cluster.Schedule(ignoring).Node);
    }

    [Fact]
    public void MinDomains_TreatsTheMinimumAsZero_UntilEnoughDomainsExist()
    {
        var cluster = new SchedulingHarness();
        cluster.AddNode("a1", zone: "a");
        cluster.AddNode("b1", zone: "b");
        Assert.NotNull(cluster.Schedule(Spread("w-0", minDomains: 3)).Node);
        Assert.NotNull(cluster.Schedule(Spread("w-1", minDomains: 3)).Node);
        Assert.Null(cluster.Schedule(Spread("w-2", minDomains: 3)).Node);
        Assert.NotNull(cluster.Schedule(Spread("w-2", minDomains: 2)).Node);
    }

    [Fact]
    public void ScheduleAnyway_PrefersTheEmptierZone()
    {
        var cluster = new SchedulingHarness();
        cluster.AddNode("a1", zone: "a");
        cluster.AddNode("b1", zone: "b");
        cluster.Bind(Pod("old-1", Web), "a1");
        cluster.Bind(Pod("old-2", Web), "a1");
        var pod = Spread("web", soft: true);
        Assert.Equal("b1", cluster.Schedule(pod).Node?.Name);
    }

    [Fact]
    public void CountsOnlyPodsOfTheSameTenantAndNamespace()
    {
        var cluster = new SchedulingHarness();
        cluster.AddNode("a1", zone: "a");
        cluster.AddNode("b1", zone: "b");
        cluster.Bind(Pod("other-tenant", Web, tenant: "acme"), "b1");
        cluster.Bind(Pod("other-ns", Web, ns: "elsewhere"), "b1");
        cluster.Bind(Pod("mine", Web), "a1");

        // Only "mine" counts: a=1, b=0, so the next must go to b.
        Assert.Equal("b1", cluster.Schedule(Spread("web")).Node?.Name);
    }

    private static Pod Spread(string name, int? minDomains = null, bool soft = false, string? pool = null) => Pod(name, Web, with: s =>
    {
        s.TopologySpreadConstraints =
        [
            new TopologySpreadConstraint
            {
                MaxSkew = 1,
                TopologyKey = "zone",
                WhenUnsatisfiable = soft ? "ScheduleAnyway" : "DoNotSchedule",
                LabelSelector = new LabelSelector { MatchLabels = new() { ["app"] = "web" } },
                MinDomains = minDomains,
            },
        ];
        if (pool is not null)
        {
            s.NodeSelector = new() { ["pool"] = pool };
        }
    });
}
