namespace Ursa.Scheduler.Framework;

/// <summary>
/// Looks at the whole cluster once per pod and attempt, before any node is filtered (Kubernetes' PreFilter and
/// PreScore), so per-node work stays a lookup. Returns null when the pod gives the plugin nothing to do: such pods
/// pay nothing per node.
/// </summary>
public interface IPreFilterPlugin
{
    string Name { get; }

    /// <summary>Weight of the state's score among the score plugins.</summary>
    int Weight { get; }

    ICycleState? PreFilter(PodRequest pod, IClusterState cluster);
}
