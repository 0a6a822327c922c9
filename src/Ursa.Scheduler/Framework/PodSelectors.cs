using Ursa.ApiMachinery.Selectors;
using LabelQuery = Ursa.ApiMachinery.Selectors.LabelSelector;

namespace Ursa.Scheduler.Framework;

/// <summary>Turns the structured label selectors of pod specs into matchers.</summary>
public static class PodSelectors
{
    /// <summary>
    /// The matcher for a structured selector, as Kubernetes' <c>LabelSelectorAsSelector</c>: <c>null</c> matches
    /// nothing, <c>{}</c> everything. A selector the API should have rejected also matches nothing (so a bad term
    /// never widens what a pod sees). <paramref name="matchLabelKeys"/> adds <c>key=value</c> for each key the pod
    /// itself carries (topology spread's and pod affinity's <c>matchLabelKeys</c>), <paramref name="mismatchLabelKeys"/>
    /// adds <c>key notin (value)</c>.
    /// </summary>
    public static LabelQuery From(Ursa.Api.Meta.LabelSelector? selector, IReadOnlyList<string>? matchLabelKeys = null, IReadOnlyDictionary<string, string>? podLabels = null, IReadOnlyList<string>? mismatchLabelKeys = null)
    {
        if (selector is null)
        {
            return LabelQuery.Nothing;
        }

        try
        {
            var expressions = (selector.MatchExpressions ?? []).Select(e => new LabelSelectorExpression(e.Key ?? string.Empty, e.Operator ?? string.Empty, e.Values)).ToList();
            foreach (var key in matchLabelKeys ?? [])
            {
                if (podLabels is not null && podLabels.TryGetValue(key, out var value))
                {
                    expressions.Add(new LabelSelectorExpression(key, "In", [value]));
                }
            }

            foreach (var key in mismatchLabelKeys ?? [])
            {
                if (podLabels is not null && podLabels.TryGetValue(key, out var value))
                {
                    expressions.Add(new LabelSelectorExpression(key, "NotIn", [value]));
                }
            }

            return LabelQuery.FromMatch(selector.MatchLabels, expressions);
        }
        catch (SelectorParseException)
        {
            return LabelQuery.Nothing;
        }
    }

    /// <summary>True when <paramref name="selector"/> is <see cref="LabelQuery.Nothing"/>-like (can match no pod).</summary>
    public static bool MatchesNothing(LabelQuery selector) => ReferenceEquals(selector, LabelQuery.Nothing);
}
