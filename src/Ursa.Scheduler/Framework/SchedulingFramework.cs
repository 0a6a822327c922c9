namespace Ursa.Scheduler.Framework;

/// <summary>
/// Runs the pre-filter plugins once for the pod, then the filter plugins (and what the pre-filters returned) over
/// every node and the score plugins over the feasible ones, and picks the best node (ties broken by a rotating
/// offset so equal nodes share the load). Pure with respect to the snapshot it is given; the cache holds the lock.
/// </summary>
public sealed class SchedulingFramework(IReadOnlyList<IFilterPlugin> filters, IReadOnlyList<IScorePlugin> scorers, IReadOnlyList<IPreFilterPlugin>? preFilters = null)
{
    // The per-node loop runs ~500 times per pod at 5,000 nodes. It walks arrays (an interface enumerator, or an empty
    // list made by `?? []`, per node was a heap allocation each time) of delegates bound once to each plugin's method:
    // calling the plugins through their interface from one call site made every call a virtual-stub-dispatch lookup,
    // a third of the decision's CPU.
    private readonly Func<PodRequest, NodeInfo, FilterResult>[] _filterCalls = [.. filters.Select(f => (Func<PodRequest, NodeInfo, FilterResult>)f.Filter)];
    private readonly Func<PodRequest, NodeInfo, int>[] _scoreCalls = [.. scorers.Select(s => (Func<PodRequest, NodeInfo, int>)s.Score)];
    private readonly int[] _scoreWeights = [.. scorers.Select(s => s.Weight)];
    private readonly IPreFilterPlugin[] _preFilters = [.. preFilters ?? []];
    private int _rotation;

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
        var cycles = PreFilter(pod, cluster);

        // The cache hands out its node array; indexing it through IReadOnlyList was an interface call per node.
        var nodes = cluster.Nodes as NodeInfo[] ?? [.. cluster.Nodes];
        var count = nodes.Length;
        var reasons = new Dictionary<string, int>(StringComparer.Ordinal);
        if (preferredNode is not null && cluster.FindNode(preferredNode) is { } preferred && Fits(pod, preferred, cycles, null))
        {
            return new SchedulingResult(preferred, reasons, count);
        }

        NodeInfo? best = null;
        var bestScore = long.MinValue;
        var index = count == 0 ? 0 : (int)((uint)Interlocked.Increment(ref _rotation) % (uint)count);
        var wanted = FeasibleNodesToFind(count);
        var feasible = 0;
        for (var i = 0; i < count && feasible < wanted; i++)
        {
            var node = nodes[index];
            if (++index == count)
            {
                index = 0;
            }

            if (!Fits(pod, node, cycles, reasons))
            {
                continue;
            }

            feasible++;
            var score = Score(pod, node, cycles);
            if (score > bestScore)
            {
                best = node;
                bestScore = score;
            }
        }

        return new SchedulingResult(best, reasons, count);
    }

    /// <summary>Each pre-filter's state for this pod; pre-filters with nothing to say for it are left out.</summary>
    private (ICycleState State, int Weight)[] PreFilter(PodRequest pod, IClusterState cluster)
    {
        List<(ICycleState State, int Weight)>? cycles = null;
        foreach (var preFilter in _preFilters)
        {
            if (preFilter.PreFilter(pod, cluster) is { } state)
            {
                (cycles ??= []).Add((state, preFilter.Weight));
            }
        }

        return cycles is null ? [] : [.. cycles];
    }

    private long Score(PodRequest pod, NodeInfo node, (ICycleState State, int Weight)[] cycles)
    {
        long score = 0;
        for (var i = 0; i < _scoreCalls.Length; i++)
        {
            score += (long)_scoreWeights[i] * _scoreCalls[i](pod, node);
        }

        foreach (var (state, weight) in cycles)
        {
            score += (long)weight * state.Score(node);
        }

        return score;
    }

    /// <summary>Every filter, then every pre-filter's state, passes <paramref name="node"/>; the first refusal is counted.</summary>
    private bool Fits(PodRequest pod, NodeInfo node, (ICycleState State, int Weight)[] cycles, Dictionary<string, int>? reasons)
    {
        foreach (var filter in _filterCalls)
        {
            var result = filter(pod, node);
            if (!result.Fits)
            {
                Count(reasons, result.Reason!);
                return false;
            }
        }

        foreach (var (state, _) in cycles)
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
