namespace Ursa.Scheduler.Framework;

/// <summary>
/// Existing pods of one tenant and namespace that carry the same inter-pod affinity terms (typically the replicas
/// of one workload), with how many of them sit on each node. Checking an incoming pod against existing pods'
/// terms (Kubernetes' symmetry rule) then costs one check per group, not per pod. Mutated by the cache only.
/// </summary>
public sealed class AffinityGroup(string key, string tenant, PodAffinityTerms terms)
{
    private readonly NodePodCounts _counts = new();

    public string Key => key;

    public string Tenant => tenant;

    public PodAffinityTerms Terms => terms;

    /// <summary>Node name → pods of the group on it (only nodes with at least one).</summary>
    public IReadOnlyDictionary<string, int> Nodes => _counts.Nodes;

    public int Pods => _counts.Total;

    public void Add(string node) => _counts.Add(node);

    public void Remove(string node) => _counts.Remove(node);
}
