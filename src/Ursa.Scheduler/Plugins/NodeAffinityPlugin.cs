using System.Globalization;
using Ursa.Scheduler.Framework;

namespace Ursa.Scheduler.Plugins;

/// <summary>
/// <c>nodeSelector</c> and required node affinity filter nodes; preferred node affinity adds its weights to the
/// score (normalised to 0–100 by the largest possible sum).
/// </summary>
public sealed class NodeAffinityPlugin : IFilterPlugin, IScorePlugin
{
    public string Name => "NodeAffinity";

    public int Weight => 2;

    public FilterResult Filter(PodRequest pod, NodeInfo node)
    {
        var labels = node.Node.Metadata.Labels ?? [];
        if (pod.Pod.Spec?.NodeSelector is { } selector && selector.Any(kv => !labels.TryGetValue(kv.Key, out var v) || v != kv.Value))
        {
            return FilterResult.Fail("node(s) didn't match Pod's node affinity/selector");
        }

        var required = pod.Pod.Spec?.Affinity?.NodeAffinity?.RequiredDuringSchedulingIgnoredDuringExecution;
        if (required?.NodeSelectorTerms is { Count: > 0 } terms && !terms.Any(term => Matches(term, node.Node)))
        {
            return FilterResult.Fail("node(s) didn't match Pod's node affinity/selector");
        }

        return FilterResult.Success;
    }

    public int Score(PodRequest pod, NodeInfo node)
    {
        var preferred = pod.Pod.Spec?.Affinity?.NodeAffinity?.PreferredDuringSchedulingIgnoredDuringExecution;
        if (preferred is not { Count: > 0 })
        {
            return 0;
        }

        var total = preferred.Sum(p => Math.Max(0, p.Weight ?? 0));
        var matched = preferred.Where(p => p.Preference is not null && Matches(p.Preference, node.Node)).Sum(p => Math.Max(0, p.Weight ?? 0));
        return total == 0 ? 0 : matched * 100 / total;
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

        var labels = node.Metadata.Labels ?? [];
        return expressions.All(r => Holds(r, labels.TryGetValue(r.Key ?? string.Empty, out var v) ? v : null))
            && fields.All(r => r.Key == "metadata.name" && Holds(r, node.Metadata.Name));
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
