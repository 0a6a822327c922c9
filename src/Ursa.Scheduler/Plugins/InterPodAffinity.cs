using Ursa.Scheduler.Framework;

namespace Ursa.Scheduler.Plugins;

/// <summary>
/// Inter-pod affinity and anti-affinity, with Kubernetes' semantics. Required terms filter: every affinity term
/// needs a matching pod in the node's domain (unless no pod matches anywhere and the pod matches its own terms —
/// the first pod of a group), no anti-affinity term may have one, and no existing pod's required anti-affinity may
/// match the incoming pod in that domain (symmetry). Preferred terms score: the incoming pod's weights per matching
/// pod in the domain, plus existing pods' preferred terms (and required affinity, weight 1) that match it.
/// <para>
/// Everything is worked out once per pod (<see cref="PreFilter"/>) from the cache's per-node counters and
/// affinity groups; a pod without terms, in a tenant where no pod has any, costs one lookup. Only pods of the
/// pod's own tenant are ever seen.
/// </para>
/// </summary>
public sealed class InterPodAffinity : IPreFilterPlugin
{
    public const string AffinityMismatch = "node(s) didn't match pod affinity rules";
    public const string AntiAffinityMismatch = "node(s) didn't match pod anti-affinity rules";
    public const string ExistingAntiAffinityMismatch = "node(s) didn't satisfy existing pods anti-affinity rules";

    /// <summary>Kubernetes' hardPodAffinityWeight: what an existing pod's required affinity adds to the score.</summary>
    private const int HardPodAffinityWeight = 1;

    public string Name => nameof(InterPodAffinity);

    public int Weight => 2;

    public ICycleState? PreFilter(PodRequest pod, IClusterState cluster)
    {
        var tenant = pod.Pod.Metadata.Tenant ?? string.Empty;
        var groups = cluster.AffinityGroups(tenant);
        var terms = PodAffinityTerms.Of(pod.Pod);
        if (terms is null && groups.Count == 0)
        {
            return null;
        }

        var state = new InterPodAffinityState();
        var namespaceLabels = cluster.NamespaceLabels(tenant, pod.Pod.Metadata.Namespace ?? string.Empty);
        foreach (var group in groups)
        {
            foreach (var term in group.Terms.RequiredAntiAffinity)
            {
                if (term.Matches(pod.Pod, namespaceLabels))
                {
                    state.ForbidExisting(term.TopologyKey, ByDomain(term.TopologyKey, group.Nodes, cluster).Keys);
                }
            }

            AddScores(state, group.Terms.RequiredAffinity, HardPodAffinityWeight, group.Nodes, pod.Pod, namespaceLabels, cluster);
            AddScores(state, group.Terms.PreferredAffinity, 1, group.Nodes, pod.Pod, namespaceLabels, cluster);
            AddScores(state, group.Terms.PreferredAntiAffinity, -1, group.Nodes, pod.Pod, namespaceLabels, cluster);
        }

        if (terms is not null)
        {
            if (terms.RequiredAffinity.Count > 0)
            {
                // An existing pod counts for required affinity only if it matches every term (Kubernetes).
                var query = new PodQuery(tenant, [.. terms.RequiredAffinity.Select(t => t.ToQueryTerm(cluster, tenant))]);
                var counts = cluster.CountPods(query);
                state.RequireAffinity(
                    [.. terms.RequiredAffinity.Select(t => (t.TopologyKey, ByDomain(t.TopologyKey, counts, cluster)))],
                    terms.RequiredAffinity.All(t => t.Matches(pod.Pod, namespaceLabels)));
            }

            foreach (var term in terms.RequiredAntiAffinity)
            {
                var counts = cluster.CountPods(new PodQuery(tenant, [term.ToQueryTerm(cluster, tenant)]));
                state.ForbidOwn(term.TopologyKey, ByDomain(term.TopologyKey, counts, cluster).Keys);
            }

            foreach (var (term, sign) in terms.PreferredAffinity.Select(t => (t, 1)).Concat(terms.PreferredAntiAffinity.Select(t => (t, -1))))
            {
                var counts = cluster.CountPods(new PodQuery(tenant, [term.ToQueryTerm(cluster, tenant)]));
                foreach (var (domain, count) in ByDomain(term.TopologyKey, counts, cluster))
                {
                    state.AddScore(term.TopologyKey, domain, sign * term.Weight * count);
                }
            }
        }

        if (state.IsEmpty)
        {
            return null;
        }

        state.Seal();
        return state;
    }

    /// <summary>Existing pods' terms that match the incoming pod add their weight once per such pod in each domain.</summary>
    private static void AddScores(InterPodAffinityState state, IReadOnlyList<AffinityTerm> terms, int sign, IReadOnlyDictionary<string, int> groupNodes, Pod incoming, IReadOnlyDictionary<string, string>? namespaceLabels, IClusterState cluster)
    {
        foreach (var term in terms)
        {
            if (term.Weight == 0 || !term.Matches(incoming, namespaceLabels))
            {
                continue;
            }

            foreach (var (domain, count) in ByDomain(term.TopologyKey, groupNodes, cluster))
            {
                state.AddScore(term.TopologyKey, domain, sign * term.Weight * count);
            }
        }
    }

    /// <summary>Per-node counts summed per value of the topology key (nodes without the label have no domain).</summary>
    private static Dictionary<string, int> ByDomain(string topologyKey, IReadOnlyDictionary<string, int> perNode, IClusterState cluster)
    {
        var domains = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (name, count) in perNode)
        {
            if (count > 0 && cluster.FindNode(name)?.Node.Metadata.Labels is { } labels && labels.TryGetValue(topologyKey, out var value))
            {
                domains[value] = domains.GetValueOrDefault(value) + count;
            }
        }

        return domains;
    }
}
