using Ursa.Scheduler.Framework;

namespace Ursa.Scheduler.Plugins;

/// <summary>Cordoned nodes take no new pods unless the pod tolerates <c>node.kubernetes.io/unschedulable</c>.</summary>
public sealed class NodeUnschedulable : IFilterPlugin
{
    public string Name => nameof(NodeUnschedulable);

    public FilterResult Filter(PodRequest pod, NodeInfo node)
    {
        if (node.Node.Spec?.Unschedulable != true)
        {
            return FilterResult.Success;
        }

        var tolerated = (pod.Pod.Spec?.Tolerations ?? []).Any(t =>
            (t.Operator == "Exists" && (t.Key is null || t.Key == "node.kubernetes.io/unschedulable")) ||
            t.Key == "node.kubernetes.io/unschedulable");
        return tolerated ? FilterResult.Success : FilterResult.Fail("node(s) were unschedulable");
    }
}
