using System.Globalization;
using Ursa.Scheduler.Framework;

namespace Ursa.Scheduler.Plugins;

/// <summary>
/// <c>nodeSelector</c> and required node affinity filter nodes; preferred node affinity adds its weights to the
/// score (normalised to 0–100 by the largest possible sum).
/// </summary>
public sealed class NodeAffinityPlugin : IFilterPlugin, IScorePlugin
{
    private static readonly FilterResult Mismatch = FilterResult.Fail("node(s) didn't match Pod's node affinity/selector");

    public string Name => "NodeAffinity";

    public int Weight => 2;

    public FilterResult Filter(PodRequest pod, NodeInfo node)
    {
        if (pod.Pod.Spec?.NodeSelector is { Count: > 0 } selector)
        {
            var labels = node.Labels;
            foreach (var (key, value) in selector)
            {
                if (!labels.TryGetValue(key, out var v) || v != value)
                {
                    return Mismatch;
                }
            }
        }

        var required = pod.Pod.Spec?.Affinity?.NodeAffinity?.RequiredDuringSchedulingIgnoredDuringExecution;
        return required?.NodeSelectorTerms is { Count: > 0 } terms && !MatchesAny(terms, node.Node) ? Mismatch : FilterResult.Success;
    }

    public int Score(PodRequest pod, NodeInfo node)
    {
        var preferred = pod.Pod.Spec?.Affinity?.NodeAffinity?.PreferredDuringSchedulingIgnoredDuringExecution;
        if (preferred is not { Count: > 0 })
        {
            return 0;
        }

        var total = 0;
        var matched = 0;
        foreach (var term in preferred)
        {
            var weight = Math.Max(0, term.Weight ?? 0);
            total += weight;
            if (term.Preference is not null && Matches(term.Preference, node.Node))
            {
                matched += weight;
            }
        }

        return total == 0 ? 0 : matched * 100 / total;
    }

    // Loops, not lambdas, in the per-node methods: a lambda capturing the node parameter makes the compiler allocate
    // its closure on every call, used or not (it was the whole of the decision loop's per-node garbage).
    private static bool MatchesAny(List<NodeSelectorTerm> terms, Node node)
    {
        foreach (var term in terms)
        {
            if (Matches(term, node))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>All requirements of a term hold (an empty term matches nothing, as in Kubernetes).</summary>
    public static bool Matches(NodeSelectorTerm term, Node node)
    {
        var expressions = term.MatchExpressions ?? [];
        var fields = term.MatchFields ?? [];
        if (expressions.Count == 0 && fields.Count == 0)
        {
            return false;
        }

        var labels = node.Metadata.Labels;
        foreach (var requirement in expressions)
        {
            string? value = null;
            if (!Holds(requirement, labels is not null && labels.TryGetValue(requirement.Key ?? string.Empty, out var v) ? v : value))
            {
                return false;
            }
        }

        foreach (var requirement in fields)
        {
            if (requirement.Key != "metadata.name" || !Holds(requirement, node.Metadata.Name))
            {
                return false;
            }
        }

        return true;
    }

    private static bool Holds(NodeSelectorRequirement requirement, string? value)
    {
        var values = requirement.Values ?? [];
        return requirement.Operator switch
        {
            "In" => value is not null && values.Contains(value),
            "NotIn" => value is null || !values.Contains(value),
            "Exists" => value is not null,
            "DoesNotExist" => value is null,
            "Gt" => value is not null && values.Count == 1 && long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var a) && long.TryParse(values[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out var b) && a > b,
            "Lt" => value is not null && values.Count == 1 && long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var c) && long.TryParse(values[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out var d) && c < d,
            _ => false,
        };
    }
}
