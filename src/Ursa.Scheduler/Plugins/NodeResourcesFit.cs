using Ursa.Scheduler.Framework;

namespace Ursa.Scheduler.Plugins;

/// <summary>The node must have room for the pod's request (CPU, memory, pods, storage, extended resources).</summary>
public sealed class NodeResourcesFit : IFilterPlugin
{
    public string Name => nameof(NodeResourcesFit);

    public FilterResult Filter(PodRequest pod, NodeInfo node)
    {
        var insufficient = pod.Resources.Insufficient(node.Requested, node.Allocatable);
        return insufficient.Count == 0
            ? FilterResult.Success
            : FilterResult.Fail(insufficient[0] == ResourceVector.Pods ? "Too many pods" : $"Insufficient {insufficient[0]}");
    }
}
