using Ursa.Scheduler.Framework;

namespace Ursa.Scheduler.Plugins;

/// <summary>What <see cref="PodTopologySpread"/> worked out for one pod: per constraint the matching pods per
/// domain and (DoNotSchedule) the global minimum, (ScheduleAnyway) the score range over the nodes.</summary>
public sealed class TopologySpreadState : ICycleState
{
    private readonly (SpreadConstraint Constraint, int Minimum)[] _hard;
    private readonly (SpreadConstraint Constraint, double Weight)[] _soft;
    private readonly double _minScore = double.MaxValue;
    private readonly double _maxScore;

    public TopologySpreadState(SpreadConstraint[] hard, SpreadConstraint[] soft, IReadOnlyList<NodeInfo> nodes)
    {
        _hard = [.. hard.Select(c => (c, c.GlobalMinimum))];

        // Kubernetes weighs each soft constraint by log(domains + 2), so a key with many domains (hostname) does
        // not drown one with few (zone).
        _soft = [.. soft.Select(c => (c, Math.Log(c.Domains.Count + 2)))];
        if (_soft.Length == 0)
        {
            return;
        }

        foreach (var node in nodes)
        {
            if (Raw(node) is { } raw)
            {
                _minScore = Math.Min(_minScore, raw);
                _maxScore = Math.Max(_maxScore, raw);
            }
        }
    }

    public FilterResult Filter(NodeInfo node)
    {
        var labels = node.Node.Metadata.Labels;
        foreach (var (constraint, minimum) in _hard)
        {
            if (labels is null || !labels.TryGetValue(constraint.Key, out var domain))
            {
                return FilterResult.Fail(PodTopologySpread.MissingLabel);
            }

            var skew = constraint.Domains.GetValueOrDefault(domain) + constraint.SelfMatch - minimum;
            if (skew > constraint.MaxSkew)
            {
                return FilterResult.Fail(PodTopologySpread.SkewTooLarge);
            }
        }

        return FilterResult.Success;
    }

    /// <summary>Kubernetes' normalisation: fewer matching pods score higher; nodes without the keys score 0.</summary>
    public int Score(NodeInfo node)
    {
        if (_soft.Length == 0 || Raw(node) is not { } raw)
        {
            return 0;
        }

        return _maxScore <= 0 ? 100 : (int)(100 * (_maxScore + _minScore - raw) / _maxScore);
    }

    private double? Raw(NodeInfo node)
    {
        var labels = node.Node.Metadata.Labels;
        double raw = 0;
        foreach (var (constraint, weight) in _soft)
        {
            if (labels is null || !labels.TryGetValue(constraint.Key, out var domain))
            {
                return null;
            }

            raw += (constraint.Domains.GetValueOrDefault(domain) * weight) + constraint.MaxSkew - 1;
        }

        return raw;
    }
}
