namespace Ursa.Scheduler.Framework;

/// <summary>
/// Existing pods of one tenant and namespace that carry the same inter-pod affinity terms (typically the replicas
/// of one workload), with how many of them sit on each node. Checking an incoming pod against existing pods'
/// terms (Kubernetes' symmetry rule) then costs one check per group, not per pod. Mutated by the cache only.
/// </summary>
public sealed class AffinityGroup(string key, string tenant, PodAffinityTerms terms)
{
    private readonly Dictionary<string, int> _nodes = new(StringComparer.Ordinal);

    public string Key => key;

    public string Tenant => tenant;

    public PodAffinityTerms Terms => terms;

    /// <summary>Node name → pods of the group on it (only nodes with at least one).</summary>
    public IReadOnlyDictionary<string, int> Nodes => _nodes;

    public int Pods { get; private set; }

    public void Add(string node)
    {
        _nodes[node] = _nodes.GetValueOrDefault(node) + 1;
        Pods++;
    }

    public void Remove(string node)
    {
        if (_nodes.TryGetValue(node, out var count))
        {
            if (count <= 1)
            {
                _nodes.Remove(node);
            }
            else
            {
                _nodes[node] = count - 1;
            }

            Pods--;
        }
    }
}
