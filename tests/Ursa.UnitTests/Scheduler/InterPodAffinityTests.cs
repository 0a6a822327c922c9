using Ursa.Api.Core;
using Ursa.Api.Meta;
using Ursa.Scheduler.Framework;
using Ursa.Scheduler.Plugins;
using static Ursa.UnitTests.Scheduler.SchedulingHarness;

namespace Ursa.UnitTests.Scheduler;

public sealed class InterPodAffinityTests
{
    private static readonly Dictionary<string, string> Web = new() { ["app"] = "web" };

    [Fact]
    public void RequiredAntiAffinity_SpreadsReplicasOnePerNode_ThenSaysWhy()
    {
        var cluster = new SchedulingHarness();
        cluster.AddNode("n1");
        cluster.AddNode("n2");
        cluster.AddNode("n3");
        var placed = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            placed.Add(cluster.Schedule(Replica($"web-{i}")).Node!.Name);
        }

        Assert.Equal(["n1", "n2", "n3"], placed.Order());
        var fourth = cluster.Schedule(Replica("web-3"));
        Assert.Null(fourth.Node);
        Assert.Equal($"0/3 nodes are available: 3 {InterPodAffinity.AntiAffinityMismatch}.", fourth.Message);

        // A replica goes away: its node is free again (the counter follows removals).
        cluster.Cache.RemovePod($"system/default/web-1");
        Assert.NotNull(cluster.Schedule(Replica("web-3")).Node);
        Assert.Equal(1, cluster.Cache.CounterCount);
    }

    [Fact]
    public void ExistingPodsAntiAffinity_RepelsAPodWithoutTerms()
    {
        var cluster = new SchedulingHarness();
        cluster.AddNode("n1");
        cluster.AddNode("n2");
        var loner = Pod("loner", new() { ["app"] = "db" }, with: s => s.Affinity = new Affinity { PodAntiAffinity = new PodAffinity { RequiredDuringSchedulingIgnoredDuringExecution = [Term("web")] } });
        cluster.Bind(loner, "n1");

        for (var i = 0; i < 5; i++)
        {
            Assert.Equal("n2", cluster.Schedule(Pod($"web-{i}", Web)).Node?.Name);
        }

        var cluster1 = new SchedulingHarness();
        cluster1.AddNode("n1");
        cluster1.Bind(Pod("loner", new() { ["app"] = "db" }, with: s => s.Affinity = loner.Spec!.Affinity), "n1");
        Assert.Equal($"0/1 nodes are available: 1 {InterPodAffinity.ExistingAntiAffinityMismatch}.", cluster1.Schedule(Pod("web", Web)).Message);

        // A pod the term does not select is not repelled.
        Assert.Equal("n1", cluster1.Schedule(Pod("api", new() { ["app"] = "api" })).Node?.Name);
    }

    [Fact]
    public void RequiredAffinity_FirstPodOfAGroupMaySchedule_FollowersJoinItsZone()
    {
        var cluster = new SchedulingHarness();
        cluster.AddNode("a1", zone: "a");
        cluster.AddNode("a2", zone: "a");
        cluster.AddNode("b1", zone: "b");
        cluster.AddNode("b2", zone: "b");
        var first = cluster.Schedule(Member("db-0")).Node!;
        var zone = first.Node.Metadata.Labels!["zone"];
        for (var i = 1; i < 6; i++)
        {
            Assert.Equal(zone, cluster.Schedule(Member($"db-{i}")).Node!.Node.Metadata.Labels!["zone"]);
        }

        static Pod Member(string name) => Pod(name, new() { ["app"] = "db" }, with: s => s.Affinity = new Affinity
        {
            PodAffinity = new PodAffinity { RequiredDuringSchedulingIgnoredDuringExecution = [Term("db", "zone")] },
        });
    }

    [Fact]
    public void RequiredAffinity_ToPodsThatDoNotExist_IsUnschedulable_UntilOneIsPlaced()
    {
        var cluster = new SchedulingHarness();
        cluster.AddNode("n1", zone: "a");
        cluster.AddNode("n2", zone: "b");
        var follower = Pod("follower", Web, with: s => s.Affinity = new Affinity
        {
            PodAffinity = new PodAffinity { RequiredDuringSchedulingIgnoredDuringExecution = [Term("cache", "zone")] },
        });
        var result = cluster.Schedule(follower);
        Assert.Null(result.Node);
        Assert.Equal($"0/2 nodes are available: 2 {InterPodAffinity.AffinityMismatch}.", result.Message);

        cluster.Bind(Pod("cache", new() { ["app"] = "cache" }), "n2");
        Assert.Equal("n2", cluster.Schedule(follower).Node?.Name);
    }

    [Fact]
    public void Affinity_OnlySeesPodsOfItsOwnTenant()
    {
        var cluster = new SchedulingHarness();
        cluster.AddNode("n1");

        // Another tenant's pods on the only node: one with the label our terms select, one with anti-affinity
        // against every web pod.
        cluster.Bind(Pod("cache", new() { ["app"] = "cache" }, tenant: "acme"), "n1");
        cluster.Bind(Pod("hater", new() { ["app"] = "x" }, tenant: "acme", with: s => s.Affinity = new Affinity
        {
            PodAntiAffinity = new PodAffinity { RequiredDuringSchedulingIgnoredDuringExecution = [Term("web")] },
        }), "n1");

        var follower = Pod("follower", Web, with: s => s.Affinity = new Affinity
        {
            PodAffinity = new PodAffinity { RequiredDuringSchedulingIgnoredDuringExecution = [Term("cache")] },
        });
        Assert.Equal($"0/1 nodes are available: 1 {InterPodAffinity.AffinityMismatch}.", cluster.Schedule(follower).Message);

        var avoider = Pod("avoider", Web, with: s => s.Affinity = new Affinity
        {
            PodAntiAffinity = new PodAffinity { RequiredDuringSchedulingIgnoredDuringExecution = [Term("cache")] },
        });
        Assert.Equal("n1", cluster.Schedule(avoider).Node?.Name);
        Assert.Equal("n1", cluster.Schedule(Pod("web", Web)).Node?.Name);

        // The same pods in our own tenant do constrain.
        cluster.Bind(Pod("hater", new() { ["app"] = "x" }, with: s => s.Affinity = new Affinity
        {
            PodAntiAffinity = new PodAffinity { RequiredDuringSchedulingIgnoredDuringExecution = [Term("web")] },
        }), "n1");
        Assert.Null(cluster.Schedule(Pod("web-2", Web)).Node);
    }

    [Fact]
    public void Namespaces_DefaultToTheOwnNamespace_NamespaceSelectorWidens()
    {
        var cluster = new SchedulingHarness();
        cluster.AddNode("n1");
        cluster.AddNode("n2");
        cluster.Cache.UpsertNamespace(new Namespace { Metadata = new ObjectMeta { Name = "data", Tenant = "system", Labels = new() { ["team"] = "data" } } });
        cluster.Bind(Pod("cache", new() { ["app"] = "cache" }, ns: "data"), "n2");

        var sameNamespace = Pod("a", Web, with: s => s.Affinity = new Affinity
        {
            PodAffinity = new PodAffinity { RequiredDuringSchedulingIgnoredDuringExecution = [Term("cache")] },
        });
        Assert.Null(cluster.Schedule(sameNamespace).Node);

        var bySelector = Term("cache");
        bySelector.NamespaceSelector = new LabelSelector { MatchLabels = new() { ["team"] = "data" } };
        var byName = Term("cache");
        byName.Namespaces = ["data"];
        foreach (var term in new[] { bySelector, byName })
        {
            var pod = Pod($"b-{term.Namespaces?.Count}", Web, with: s => s.Affinity = new Affinity { PodAffinity = new PodAffinity { RequiredDuringSchedulingIgnoredDuringExecution = [term] } });
            Assert.Equal("n2", cluster.Schedule(pod).Node?.Name);
        }
    }

    [Fact]
    public void PreferredTerms_Score_TowardsAndAwayFromMatchingPods()
    {
        var cluster = new SchedulingHarness();
        cluster.AddNode("n1", zone: "a");
        cluster.AddNode("n2", zone: "b");
        cluster.AddNode("n3", zone: "c");
        cluster.Bind(Pod("cache", new() { ["app"] = "cache" }), "n2");
        for (var i = 0; i < 4; i++)
        {
            var near = Pod($"near-{i}", new() { ["app"] = "near" }, with: s => s.Affinity = new Affinity
            {
                PodAffinity = new PodAffinity { PreferredDuringSchedulingIgnoredDuringExecution = [new WeightedPodAffinityTerm { Weight = 100, PodAffinityTerm = Term("cache", "zone") }] },
            });
            Assert.Equal("n2", cluster.Schedule(near).Node?.Name);
        }

        for (var i = 0; i < 4; i++)
        {
            var far = Pod($"far-{i}", new() { ["app"] = "far" }, with: s => s.Affinity = new Affinity
            {
                PodAntiAffinity = new PodAffinity { PreferredDuringSchedulingIgnoredDuringExecution = [new WeightedPodAffinityTerm { Weight = 100, PodAffinityTerm = Term("cache", "zone") }] },
            });
            Assert.NotEqual("n2", cluster.Schedule(far).Node?.Name);
        }
    }

    [Fact]
    public void PodsWithoutTerms_RegisterNothing()
    {
        var cluster = new SchedulingHarness();
        cluster.AddNode("n1");
        for (var i = 0; i < 20; i++)
        {
            Assert.NotNull(cluster.Schedule(Pod($"p-{i}", Web)).Node);
        }

        Assert.Equal(0, cluster.Cache.CounterCount);
        Assert.Null(cluster.Cache.Decide(c => new InterPodAffinity().PreFilter(PodRequest.Of(Pod("q", Web)), c)));
        Assert.Null(cluster.Cache.Decide(c => new PodTopologySpread().PreFilter(PodRequest.Of(Pod("q", Web)), c)));
    }

    private static Pod Replica(string name) => Pod(name, Web, with: s => s.Affinity = new Affinity
    {
        PodAntiAffinity = new PodAffinity { RequiredDuringSchedulingIgnoredDuringExecution = [Term("web")] },
    });
}
