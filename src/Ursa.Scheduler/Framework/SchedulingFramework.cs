namespace Ursa.Scheduler.Framework;

/// <summary>
/// Runs the pre-filter plugins once for the pod, then the filter plugins (and what the pre-filters returned) over
/// every node and the score plugins over the feasible ones, and picks the best node (ties broken by a rotating
/// offset so equal nodes share the load). Pure with respect to the snapshot it is given; the cache holds the lock.
/// </summary>
public sealed class SchedulingFramework(IReadOnlyList<IFilterPlugin> filters, IReadOnlyList<IScorePlugin> scorers, IReadOnlyList<IPreFilterPlugin>? preFilters = null)
{
    private readonly IReadOnlyList<IPreFilterPlugin> _preFilters = preFilters ?? [];
    private int _rotation;

    public IReadOnlyList<IFilterPlugin> Filters => filters;

    /// <summary>Schedules against bare nodes, with no pods known beyond the nodes' own (tests and tools).</summary>
    public SchedulingResult Schedule(PodRequest pod, IReadOnlyList<NodeInfo> nodes) => Schedule(pod, new NodesOnly(nodes));

    /// <summary>Picks a node for <paramref name="pod"/>.</summary>
    /// <param name="pod">What the pod needs.</param>
    /// <param name="cluster">The snapshot to decide on.</param>
    /// <param name="preferredNode">
    /// A node to try first (a pod's nominated node): when it passes every filter, with the pre-filters having seen the
    /// whole cluster, it is chosen without scoring the others, as Kubernetes evaluates a nominated node first.
    /// </param>
    public SchedulingResult Schedule(PodRequest pod, IClusterState cluster, string? preferredNode = null)
    {
        List<(ICycleState State, int Weight)>? cycles = null;
        foreach (var preFilter in _preFilters)
        {
            if (preFilter.PreFilter(pod, cluster) is { } state)
            {
                (cycles ??= []).Add((state, preFilter.Weight));
            }
        }

        var nodes = cluster.Nodes;
        var reasons = new Dictionary<string, int>(StringComparer.Ordinal);
        if (preferredNode is not null && cluster.FindNode(preferredNode) is { } preferred && Fits(pod, preferred, cycles, null))
        {
            return new SchedulingResult(preferred, reasons, nodes.Count);
        }

        NodeInfo? best = null;
        var bestScore = long.MinValue;
        var start = nodes.Count == 0 ? 0 : (int)((uint)Interlocked.Increment(ref _rotation) % (uint)nodes.Count);
        var wanted = FeasibleNodesToFind(nodes.Count);
        var feasible = 0;
        for (var i = 0; i < nodes.Count && feasible < wanted; i++)
        {
            var node = nodes[(start + i) % nodes.Count];
            if (!Fits(pod, node, cycles, reasons))
            {
                continue;
            }

            feasible++;
            long score = 0;
            foreach (var scorer in scorers)
            {
                score += (long)scorer.Weight * scorer.Score(pod, node);
            }

            foreach (var (state, weight) in cycles ?? [])
            {
                score += (long)weight * state.Score(node);
            }

            if (score > bestScore)
            {
                best = node;
                bestScore = score;
            }
        }

        return new SchedulingResult(best, reasons, nodes.Count);
    }

    /// <summary>Every filter, then every pre-filter's state, passes <paramref name="node"/>; the first refusal is counted.</summary>
    private bool Fits(PodRequest pod, NodeInfo node, List<(ICycleState State, int Weight)>? cycles, Dictionary<string, int>? reasons)
    {
        foreach (var filter in filters)
        {
            var result = filter.Filter(pod, node);
            if (!result.Fits)
            {
                Count(reasons, result.Reason!);
                return false;
            }
        }

        foreach (var (state, _) in cycles ?? [])
        {
            var result = state.Filter(node);
            if (!result.Fits)
            {
                Count(reasons, result.Reason!);
                return false;
            }
        }

        return true;
    }

    private static void Count(Dictionary<string, int>? reasons, string reason)
    {
        if (reasons is not null)
        {
            reasons[reason] = reasons.GetValueOrDefault(reason) + 1;
        }
    }

    /// <summary>
    /// Kubernetes' adaptive percentageOfNodesToScore: in a large cluster, scoring every feasible node buys little
    /// placement quality for a lot of time (at 5,000 nodes, 10% of them; never fewer than 100). The rotating start
    /// makes successive pods look at different nodes.
    /// </summary>
    public static int FeasibleNodesToFind(int nodes)
    {
        if (nodes <= 100)
        {
            return nodes;
        }

        var percent = Math.Max(5, 50 - (nodes / 125));
        return Math.Max(100, nodes * percent / 100);
    }

    private sealed class NodesOnly(IReadOnlyList<NodeInfo> nodes) : IClusterState
    {
        public IReadOnlyList<NodeInfo> Nodes => nodes;

        public NodeInfo? FindNode(string name) => nodes.FirstOrDefault(n => n.Name == name);

        public IReadOnlyDictionary<string, int> CountPods(PodQuery query) => new Dictionary<string, int>();

        public IReadOnlyCollection<AffinityGroup> AffinityGroups(string tenant) => [];

        public IReadOnlyDictionary<string, string>? NamespaceLabels(string tenant, string ns) => null;

        public IEnumerable<KeyValuePair<string, IReadOnlyDictionary<string, string>?>> Namespaces(string tenant) => [];
    }
}
