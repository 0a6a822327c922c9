using Ursa.Scheduler.Framework;

namespace Ursa.Scheduler.Plugins;

/// <summary>The scheduler's plugin set, in the order they run (cheap filters first, as kube-scheduler orders them).</summary>
public static class DefaultPlugins
{
    /// <summary>The framework <see cref="PodScheduler"/> decides with.</summary>
    /// <param name="packNodes">Score most-allocated nodes highest (bin packing) instead of least-allocated.</param>
    public static SchedulingFramework CreateFramework(bool packNodes) => new(
        [new NodeUnschedulable(), new NodeRuntimeReady(), new NodeAffinityPlugin(), new TaintToleration(), new NodeResourcesFit()],
        [new AllocationScore(packNodes), new NodeAffinityPlugin(), new TaintToleration()],
        [new PodTopologySpread(), new InterPodAffinity()]);
}
