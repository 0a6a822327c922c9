namespace Ursa.Scheduler.Framework;

/// <summary>
/// Runs the filter plugins over every node and the score plugins over the feasible ones, and picks the best
/// node (ties broken by a rotating offset so equal nodes share the load). Pure with respect to the snapshot it
/// is given; the cache holds the lock.
/// </summary>
public sealed class SchedulingFramework(IReadOnlyList<IFilterPlugin> filters, IReadOnlyList<IScorePlugin> scorers)
{
    private int _rotation;

    public IReadOnlyList<IFilterPlugin> Filters => filters;

    public SchedulingResult Schedule(PodRequest pod, IReadOnlyList<NodeInfo> nodes)
    {
        var reasons = new Dictionary<string, int>(StringComparer.Ordinal);
        NodeInfo? best = null;
        var bestScore = long.MinValue;
        var start = nodes.Count == 0 ? 0 : (int)((uint)Interlocked.Increment(ref _rotation) % (uint)nodes.Count);
        var wanted = FeasibleNodesToFind(nodes.Count);
        var feasible = 0;
        for (var i = 0; i < nodes.Count && feasible < wanted; i++)
        {
            var node = nodes[(start + i) % nodes.Count];
            var failed = false;
            foreach (var filter in filters)
            {
                var result = filter.Filter(pod, node);
                if (!result.Fits)
                {
                    reasons[result.Reason!] = reasons.GetValueOrDefault(result.Reason!) + 1;
                    failed = true;
                    break;
                }
            }

            if (failed)
            {
                continue;
            }

            feasible++;
            long score = 0;
            foreach (var scorer in scorers)
            {
                score += (long)scorer.Weight * scorer.Score(pod, node);
            }

            if (score > bestScore)
            {
                best = node;
                bestScore = score;
            }
        }

        return new SchedulingResult(best, reasons, nodes.Count);
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
}
