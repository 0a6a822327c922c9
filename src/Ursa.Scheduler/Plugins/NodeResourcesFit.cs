using Ursa.Scheduler.Framework;

namespace Ursa.Scheduler.Plugins;

/// <summary>The node must have room for the pod's request (CPU, memory, pods, storage, extended resources).</summary>
public sealed class NodeResourcesFit : IFilterPlugin
{
    // The common refusals are built once: a full cluster refuses a pod on every node it tries.
    private static readonly FilterResult TooManyPods = FilterResult.Fail("Too many pods");
    private static readonly FilterResult InsufficientCpu = FilterResult.Fail("Insufficient cpu");
    private static readonly FilterResult InsufficientMemory = FilterResult.Fail("Insufficient memory");

    public string Name => nameof(NodeResourcesFit);

    public FilterResult Filter(PodRequest pod, NodeInfo node) =>
        pod.Resources.FirstInsufficient(node.Requested, node.Allocatable) switch
        {
            null => FilterResult.Success,
            ResourceVector.Pods => TooManyPods,
            ResourceVector.Cpu => InsufficientCpu,
            ResourceVector.Memory => InsufficientMemory,
            var other => FilterResult.Fail($"Insufficient {other}"),
        };
}
