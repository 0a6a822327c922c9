using Ursa.Scheduler.Framework;

namespace Ursa.Scheduler.Cache;

/// <summary>
/// The per-node count of the pods matching one <see cref="PodQuery"/>, kept current by the cache as pods are
/// assumed, bound and removed. Counting by node (not by topology domain) lets one counter serve every topology
/// key and survive node label changes: plugins group the counts by the key they need.
/// </summary>
public sealed class PodCounter(PodQuery query)
{
    private readonly NodePodCounts _counts = new();

    public PodQuery Query => query;

    public IReadOnlyDictionary<string, int> Nodes => _counts.Nodes;

    /// <summary>The cache's decision number when a plugin last asked; idle counters are dropped.</summary>
    public long LastUsed { get; set; }

    public void Add(string node) => _counts.Add(node);

    public void Remove(string node) => _counts.Remove(node);
}
