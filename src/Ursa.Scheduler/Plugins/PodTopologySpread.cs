using Ursa.Scheduler.Framework;

namespace Ursa.Scheduler.Plugins;

/// <summary>
/// <c>topologySpreadConstraints</c> with Kubernetes' semantics: a DoNotSchedule constraint filters out nodes where
/// placing the pod would make its domain exceed the least loaded eligible domain by more than maxSkew (the global
/// minimum counts as 0 while fewer than minDomains domains exist); ScheduleAnyway constraints score nodes in
/// emptier domains higher. Only nodes that pass the pod's nodeSelector/affinity count (nodeAffinityPolicy Honor,
/// the default) and, with nodeTaintsPolicy Honor, whose taints it tolerates; only pods of the same tenant and
/// namespace matching the selector are counted.
/// <para>
/// Counting is done once per pod (<see cref="PreFilter"/>): the cache's per-node counters for the selector, summed
/// per domain in one pass over the nodes. Pods without constraints cost nothing.
/// </para>
/// </summary>
public sealed class PodTopologySpread : IPreFilterPlugin
{
    public const string SkewTooLarge = "node(s) didn't match pod topology spread constraints";
    public const string MissingLabel = "node(s) didn't match pod topology spread constraints (missing required label)";

    private static readonly NodeAffinityPlugin NodeAffinity = new();
    private static readonly TaintToleration Taints = new();

    public string Name => nameof(PodTopologySpread);

    public int Weight => 2;

    public ICycleState? PreFilter(PodRequest pod, IClusterState cluster)
    {
        if (pod.Pod.Spec?.TopologySpreadConstraints is not { Count: > 0 } specs)
        {
            return null;
        }

        var tenant = pod.Pod.Metadata.Tenant ?? string.Empty;
        var ns = new HashSet<string>(StringComparer.Ordinal) { pod.Pod.Metadata.Namespace ?? string.Empty };
        var constraints = new List<SpreadConstraint>(specs.Count);
        foreach (var spec in specs)
        {
            var selector = PodSelectors.From(spec.LabelSelector, spec.MatchLabelKeys, pod.Pod.Metadata.Labels);
            var counts = cluster.CountPods(new PodQuery(tenant, [new PodQueryTerm(ns, selector)]));
            constraints.Add(new SpreadConstraint(spec, counts, selector.Matches(pod.Pod.Metadata.Labels)));
        }

        var hard = constraints.Where(c => c.Hard).ToArray();
        var soft = constraints.Where(c => !c.Hard).ToArray();
        foreach (var node in cluster.Nodes)
        {
            Count(hard, node, pod);
            Count(soft, node, pod);
        }

        return new TopologySpreadState(hard, soft, cluster.Nodes);
    }

    /// <summary>Adds the node's matching pods to its domain for each constraint, when the node is eligible:
    /// it carries every key of the group (Kubernetes) and passes the constraint's node policies.</summary>
    private static void Count(SpreadConstraint[] group, NodeInfo node, PodRequest pod)
    {
        var labels = node.Labels;
        if (group.Length == 0 || !HasKeys(labels, group))
        {
            return;
        }

        bool? affinity = null;
        bool? tolerated = null;
        foreach (var constraint in group)
        {
            if (constraint.HonorNodeAffinity && !(affinity ??= NodeAffinity.Filter(pod, node).Fits))
            {
                continue;
            }

            if (constraint.HonorTaints && !(tolerated ??= Taints.Filter(pod, node).Fits))
            {
                continue;
            }

            constraint.AddDomain(labels[constraint.Key], constraint.PerNode.GetValueOrDefault(node.Name));
        }
    }

    private static bool HasKeys(IReadOnlyDictionary<string, string> labels, SpreadConstraint[] group)
    {
        foreach (var constraint in group)
        {
            if (!labels.ContainsKey(constraint.Key))
            {
                return false;
            }
        }

        return true;
    }
}
