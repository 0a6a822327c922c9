using Microsoft.Extensions.Logging.Abstractions;
using Ursa.Api.Core;
using Ursa.Api.Meta;
using Ursa.Client.Connection;
using Ursa.Client.Rest;
using Ursa.IntegrationTests.Infrastructure;
using Ursa.NodeAgent.Hollow;

namespace Ursa.IntegrationTests.Scheduling;

/// <summary>Inter-pod affinity and topology spread through the real API server and in-process scheduler, on hollow nodes.</summary>
public sealed class InterPodSchedulingTests(SchedulingControlPlaneFixture cluster) : IClassFixture<SchedulingControlPlaneFixture>, IDisposable
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);
    private readonly ApiClient _client = new(KubeconfigReader.Load(cluster.KubeconfigPath));
    private readonly string _suffix = Guid.NewGuid().ToString("N")[..6];

    public void Dispose() => _client.Dispose();

    [Fact]
    public async Task RequiredAntiAffinity_SpreadsReplicasOnePerNode_TheExtraOneSaysWhy()
    {
        var pool = $"anti-{_suffix}";
        await using var fleet = await FleetAsync(pool, count: 3);
        var ns = await NamespaceAsync("anti");
        for (var i = 0; i < 4; i++)
        {
            await CreateAsync(ns, $"web-{i}", pool, spec => spec.Affinity = new Affinity
            {
                PodAntiAffinity = new PodAffinity { RequiredDuringSchedulingIgnoredDuringExecution = [Term("web", "kubernetes.io/hostname")] },
            });
        }

        var pods = await WaitAsync(ns, list => list.Count(p => p.Status?.Phase == "Running") == 3 && list.Count(Unschedulable) == 1, "3 replicas Running and 1 unschedulable");
        var nodes = pods.Where(p => p.Status?.Phase == "Running").Select(p => p.Spec!.NodeName).ToList();
        Assert.Equal(3, nodes.Distinct().Count());
        var waiting = pods.Single(Unschedulable);
        Assert.Null(waiting.Spec!.NodeName);
        Assert.Contains("3 node(s) didn't match pod anti-affinity rules", Condition(waiting).Message);
    }

    [Fact]
    public async Task TopologySpread_MaxSkewOne_BalancesZones_ThoughOneZoneHasMoreNodes()
    {
        var pool = $"spread-{_suffix}";
        await using var zoneA = await FleetAsync(pool, count: 3, zone: "a");
        await using var zoneB = await FleetAsync(pool, count: 1, zone: "b");
        var ns = await NamespaceAsync("spread");
        for (var i = 0; i < 6; i++)
        {
            await CreateAsync(ns, $"web-{i}", pool, spec => spec.TopologySpreadConstraints =
            [
                new TopologySpreadConstraint
                {
                    MaxSkew = 1,
                    TopologyKey = "topology.kubernetes.io/zone",
                    WhenUnsatisfiable = "DoNotSchedule",
                    LabelSelector = new LabelSelector { MatchLabels = new() { ["app"] = "web" } },
                    NodeAffinityPolicy = "Honor",
                    NodeTaintsPolicy = "Ignore",
                    MatchLabelKeys = ["app"],
                },
            ]);
        }

        var pods = await WaitAsync(ns, list => list.Count(p => p.Status?.Phase == "Running") == 6, "all 6 pods Running");
        var inB = pods.Count(p => p.Spec!.NodeName!.StartsWith($"{pool}-b-", StringComparison.Ordinal));
        Assert.Equal(3, inB);

        // The spec came back as written (the API round-trips the constraint).
        var stored = await _client.GetAsync<Pod>(ResourceRef.Pods, null, ns, "web-0", CancellationToken.None);
        var constraint = Assert.Single(stored.Spec!.TopologySpreadConstraints!);
        Assert.Equal((1, "topology.kubernetes.io/zone", "DoNotSchedule", "web"), (constraint.MaxSkew, constraint.TopologyKey, constraint.WhenUnsatisfiable, constraint.LabelSelector!.MatchLabels!["app"]));
        Assert.Equal(("Honor", "Ignore", "app"), (constraint.NodeAffinityPolicy, constraint.NodeTaintsPolicy, Assert.Single(constraint.MatchLabelKeys!)));
    }

    [Fact]
    public async Task UnsatisfiableRequiredAffinity_StaysPending_ThenFollowsTheFirstMatchingPod()
    {
        var pool = $"aff-{_suffix}";
        await using var fleet = await FleetAsync(pool, count: 3);
        var ns = await NamespaceAsync("aff");
        await CreateAsync(ns, "follower", pool, spec => spec.Affinity = new Affinity
        {
            PodAffinity = new PodAffinity { RequiredDuringSchedulingIgnoredDuringExecution = [Term("cache", "kubernetes.io/hostname")] },
        });
        var parked = await WaitAsync(ns, list => list.Any(Unschedulable), "the follower marked unschedulable");
        var condition = Condition(parked.Single());
        Assert.Equal(("False", "Unschedulable"), (condition.Status, condition.Reason));
        Assert.Contains("3 node(s) didn't match pod affinity rules", condition.Message);
        Assert.Null(parked.Single().Spec!.NodeName);

        // A matching pod appears: placing it retries the follower, which joins it on its node.
        await CreateAsync(ns, "cache", pool, labels: new() { ["app"] = "cache" });
        var pods = await WaitAsync(ns, list => list.Count == 2 && list.All(p => p.Status?.Phase == "Running"), "the cache and the follower Running");
        Assert.Equal(pods.Single(p => p.Metadata.Name == "cache").Spec!.NodeName, pods.Single(p => p.Metadata.Name == "follower").Spec!.NodeName);
    }

    private static PodAffinityTerm Term(string app, string key) => new()
    {
        LabelSelector = new LabelSelector { MatchLabels = new() { ["app"] = app } },
        TopologyKey = key,
    };

    private static bool Unschedulable(Pod p) =>
        p.Status?.Conditions?.Any(c => c.Type == "PodScheduled" && c.Status == "False" && c.Reason == "Unschedulable") == true;

    private static PodCondition Condition(Pod p) => p.Status!.Conditions!.First(c => c.Type == "PodScheduled");

    private async Task<Fleet> FleetAsync(string pool, int count, string? zone = null)
    {
        var labels = new Dictionary<string, string> { ["pool"] = pool };
        if (zone is not null)
        {
            labels["topology.kubernetes.io/zone"] = zone;
        }

        var fleet = new HollowNodeFleet(_client, new HollowNodeOptions { Count = count, NamePrefix = zone is null ? pool : $"{pool}-{zone}", Labels = labels }, TimeProvider.System, NullLogger.Instance);
        await fleet.RegisterAsync(CancellationToken.None);
        var stop = new CancellationTokenSource();
        return new Fleet(fleet.RunAsync(stop.Token), stop);
    }

    private async Task<string> NamespaceAsync(string prefix)
    {
        var name = $"{prefix}-{_suffix}";
        await _client.CreateAsync(ResourceRef.Namespaces, new Namespace { Metadata = new ObjectMeta { Name = name } }, CancellationToken.None);
        return name;
    }

    private Task CreateAsync(string ns, string name, string pool, Action<PodSpec>? with = null, Dictionary<string, string>? labels = null)
    {
        var spec = new PodSpec
        {
            NodeSelector = new() { ["pool"] = pool },
            Containers = [new Container { Name = "c", Image = "ursa.local/busybox:latest", Resources = new ResourceRequirements { Requests = new() { ["cpu"] = "100m", ["memory"] = "64Mi" } } }],
        };
        with?.Invoke(spec);
        var pod = new Pod { Metadata = new ObjectMeta { Name = name, Namespace = ns, Labels = labels ?? new() { ["app"] = "web" } }, Spec = spec };
        return _client.CreateAsync(ResourceRef.Pods, pod, CancellationToken.None);
    }

    private Task<List<Pod>> WaitAsync(string ns, Func<List<Pod>, bool> condition, string awaited) =>
        Eventually.UntilAsync(
            async () => (await _client.ListAsync<Pod>(ResourceRef.Pods, new ListOptions { Namespace = ns }, CancellationToken.None)).Items.ToList(),
            pods => pods.Count > 0 && condition(pods),
            Deadline,
            pods => $"{awaited}; pods: {string.Join("; ", pods.Select(p => $"{p.Metadata.Name} node={p.Spec?.NodeName} phase={p.Status?.Phase} {p.Status?.Conditions?.FirstOrDefault(c => c.Type == "PodScheduled")?.Message}"))}");

    /// <summary>A running hollow fleet, stopped when the test ends.</summary>
    private sealed class Fleet(Task running, CancellationTokenSource stop) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await stop.CancelAsync();
            await running;
            stop.Dispose();
        }
    }
}
