using Ursa.Scheduler.Framework;

namespace Ursa.Scheduler.Plugins;

/// <summary>Cordoned nodes take no new pods unless the pod tolerates <c>node.kubernetes.io/unschedulable</c>.</summary>
public sealed class NodeUnschedulable : IFilterPlugin
{
    private const string TaintKey = "node.kubernetes.io/unschedulable";

    public string Name => nameof(NodeUnschedulable);

    public FilterResult Filter(PodRequest pod, NodeInfo node)
    {
        if (!node.Unschedulable)
        {
            return FilterResult.Success;
        }

        foreach (var toleration in pod.Pod.Spec?.Tolerations ?? [])
        {
            if ((toleration.Operator == "Exists" && toleration.Key is null) || toleration.Key == TaintKey)
            {
                return FilterResult.Success;
            }
        }

        return FilterResult.Fail("node(s) were unschedulable");
    }
}
