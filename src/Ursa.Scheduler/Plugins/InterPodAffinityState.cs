using Ursa.Scheduler.Framework;

namespace Ursa.Scheduler.Plugins;

/// <summary>What <see cref="InterPodAffinity"/> worked out for one pod: domains per topology key to require,
/// to avoid, and to prefer. Per node it costs a label lookup per key.</summary>
public sealed class InterPodAffinityState : ICycleState
{
    private readonly Dictionary<string, HashSet<string>> _forbiddenByExisting = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<string>> _forbiddenByOwn = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Dictionary<string, long>> _scores = new(StringComparer.Ordinal);
    private (string Key, Dictionary<string, int> Domains)[] _affinity = [];
    private bool _mayStartGroup;
    private long _minScore;
    private long _maxScore;

    /// <summary>True when nothing constrains or ranks the pod (it matched no existing pod's terms and has none).</summary>
    public bool IsEmpty => _affinity.Length == 0 && _forbiddenByOwn.Count == 0 && _forbiddenByExisting.Count == 0 && _scores.Count == 0;

    /// <summary>Required affinity terms with matching pods per domain; <paramref name="matchesItself"/> allows
    /// the first pod of a group when no pod matches anywhere.</summary>
    public void RequireAffinity((string Key, Dictionary<string, int> Domains)[] terms, bool matchesItself)
    {
        _affinity = terms;
        _mayStartGroup = matchesItself && terms.All(t => t.Domains.Count == 0);
    }

    public void ForbidOwn(string key, IEnumerable<string> domains) => Forbid(_forbiddenByOwn, key, domains);

    public void ForbidExisting(string key, IEnumerable<string> domains) => Forbid(_forbiddenByExisting, key, domains);

    public void AddScore(string key, string domain, long score)
    {
        if (!_scores.TryGetValue(key, out var domains))
        {
            _scores[key] = domains = new(StringComparer.Ordinal);
        }

        domains[domain] = domains.GetValueOrDefault(domain) + score;
    }

    /// <summary>
    /// Fixes the score range. Kubernetes normalises over the feasible nodes; here the bounds are the sums over
    /// keys of each key's extreme domain (and 0, which nodes outside every scored domain get): the same order,
    /// without a pass over all nodes.
    /// </summary>
    public void Seal()
    {
        foreach (var domains in _scores.Values)
        {
            _minScore += Math.Min(0, domains.Values.Min());
            _maxScore += Math.Max(0, domains.Values.Max());
        }
    }

    public FilterResult Filter(NodeInfo node)
    {
        var labels = node.Node.Metadata.Labels;
        if (_affinity.Length > 0)
        {
            var podsExist = true;
            foreach (var (key, domains) in _affinity)
            {
                if (labels is null || !labels.TryGetValue(key, out var value))
                {
                    // Every topology key of the terms must exist on the node, even for the first pod.
                    return FilterResult.Fail(InterPodAffinity.AffinityMismatch);
                }

                podsExist &= domains.GetValueOrDefault(value) > 0;
            }

            if (!podsExist && !_mayStartGroup)
            {
                return FilterResult.Fail(InterPodAffinity.AffinityMismatch);
            }
        }

        if (InForbidden(_forbiddenByOwn, labels))
        {
            return FilterResult.Fail(InterPodAffinity.AntiAffinityMismatch);
        }

        return InForbidden(_forbiddenByExisting, labels) ? FilterResult.Fail(InterPodAffinity.ExistingAntiAffinityMismatch) : FilterResult.Success;
    }

    public int Score(NodeInfo node)
    {
        if (_maxScore == _minScore)
        {
            return 0;
        }

        long raw = 0;
        var labels = node.Node.Metadata.Labels;
        foreach (var (key, domains) in _scores)
        {
            if (labels is not null && labels.TryGetValue(key, out var value))
            {
                raw += domains.GetValueOrDefault(value);
            }
        }

        return (int)((raw - _minScore) * 100 / (_maxScore - _minScore));
    }

    private static void Forbid(Dictionary<string, HashSet<string>> forbidden, string key, IEnumerable<string> domains)
    {
        foreach (var domain in domains)
        {
            if (!forbidden.TryGetValue(key, out var set))
            {
                forbidden[key] = set = new(StringComparer.Ordinal);
            }

            set.Add(domain);
        }
    }

    private static bool InForbidden(Dictionary<string, HashSet<string>> forbidden, IReadOnlyDictionary<string, string>? labels)
    {
        if (forbidden.Count == 0 || labels is null)
        {
            return false;
        }

        foreach (var (key, domains) in forbidden)
        {
            if (labels.TryGetValue(key, out var value) && domains.Contains(value))
            {
                return true;
            }
        }

        return false;
    }
}
