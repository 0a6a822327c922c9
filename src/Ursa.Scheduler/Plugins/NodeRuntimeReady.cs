using Ursa.Scheduler.Framework;

namespace Ursa.Scheduler.Plugins;

/// <summary>A VM pod only goes to a node whose VM runtime is ready; a container pod needs a ready container runtime.</summary>
public sealed class NodeRuntimeReady : IFilterPlugin
{
    public string Name => nameof(NodeRuntimeReady);

    public FilterResult Filter(PodRequest pod, NodeInfo node) =>
        node.RuntimeReady(pod.Workload)
            ? FilterResult.Success
            : FilterResult.Fail(pod.Workload == WorkloadType.VirtualMachine ? "node(s) had no ready VM runtime" : "node(s) had no ready container runtime");
}
