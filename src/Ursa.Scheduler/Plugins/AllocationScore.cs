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
        var cpu = Fraction(node.Requested.MilliCpu + pod.Resources.MilliCpu, node.Allocatable.MilliCpu);
        var memory = Fraction(node.Requested.MemoryBytes + pod.Resources.MemoryBytes, node.Allocatable.MemoryBytes);
        var used = (cpu + memory) / 2;
        return (int)Math.Round((mostAllocated ? used : 1 - used) * 100);
    }

    private static double Fraction(long used, long capacity) => capacity <= 0 ? 1 : Math.Clamp((double)used / capacity, 0, 1);
}
