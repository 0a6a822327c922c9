using Ursa.Scheduler.Framework;

namespace Ursa.Scheduler.Plugins;

/// <summary>
/// Scores by how full the node would be after placing the pod (CPU and memory averaged): least-allocated spreads
/// load, most-allocated packs nodes (bin packing, to keep whole hosts free for large VMs).
/// </summary>
public sealed class AllocationScore(bool mostAllocated, int weight = 1) : IScorePlugin
{
    public string Name => mostAllocated ? "NodeResourcesMostAllocated" : "NodeResourcesLeastAllocated";

    public int Weight => weight;

    public int Score(PodRequest pod, NodeInfo node)
    {
        var cpu = Percent(node.Requested.MilliCpu + pod.Resources.MilliCpu, node.Allocatable.MilliCpu);
        var memory = Percent(node.Requested.MemoryBytes + pod.Resources.MemoryBytes, node.Allocatable.MemoryBytes);
        var used = (int)((cpu + memory) / 2);
        return mostAllocated ? used : 100 - used;
    }

    // Integer percentages, as kube-scheduler computes them (it runs for every feasible node; floating-point division
    // and rounding were a fifth of the decision).
    private static long Percent(long used, long capacity) => capacity <= 0 ? 100 : Math.Clamp(used * 100 / capacity, 0, 100);
}
