using Ursa.Api.Core;
using Ursa.Api.Meta;
using Ursa.Scheduler.Cache;
using Ursa.Scheduler.Framework;
using Ursa.Scheduler.Plugins;

namespace Ursa.UnitTests.Scheduler;

/// <summary>The scheduler's decision loop without the API: a cache, every plugin, assume on success.</summary>
public sealed class SchedulingHarness
{
    private readonly SchedulingFramework _framework = DefaultPlugins.CreateFramework(packNodes: false);

    public SchedulerCache Cache { get; } = new();

    public void AddNode(string name, string? zone = null, Action<Node>? with = null) =>
        Cache.UpsertNode(SchedulerObjects.Node(name, cpu: "64", memory: "256Gi", with: n =>
        {
            if (zone is not null)
            {
                n.Metadata.Labels!["zone"] = zone;
            }

            with?.Invoke(n);
        }));

    /// <summary>Decides and, when a node fits, assumes the pod there (as the scheduler does before binding).</summary>
    public SchedulingResult Schedule(Pod pod)
    {
        var request = PodRequest.Of(pod);
        return Cache.Decide(cluster =>
        {
            var result = _framework.Schedule(request, cluster);
            if (result.Node is { } node)
            {
                Cache.Assume(Key(pod), request, node);
            }

            return result;
        });
    }

    /// <summary>A pod bound by the API (e.g. by another scheduler) appears in the cache.</summary>
    public void Bind(Pod pod, string node)
    {
        pod.Spec!.NodeName = node;
        Cache.AddBoundPod(Key(pod), pod);
    }

    public static string Key(Pod pod) => $"{pod.Metadata.Tenant}/{pod.Metadata.Namespace}/{pod.Metadata.Name}";

    /// <summary>A container pod with labels, in a tenant and namespace.</summary>
    public static Pod Pod(string name, Dictionary<string, string>? labels = null, string ns = "default", string tenant = "system", Action<PodSpec>? with = null)
    {
        var pod = SchedulerObjects.ContainerPod(name, cpu: "100m", memory: "64Mi", with: with);
        pod.Metadata.Labels = labels;
        pod.Metadata.Namespace = ns;
        pod.Metadata.Tenant = tenant;
        return pod;
    }

    public static PodAffinityTerm Term(string app, string topologyKey = "kubernetes.io/hostname") => new()
    {
        LabelSelector = new LabelSelector { MatchLabels = new() { ["app"] = app } },
        TopologyKey = topologyKey,
    };
}
