using LabelQuery = Ursa.ApiMachinery.Selectors.LabelSelector;

namespace Ursa.Scheduler.Framework;

/// <summary>
/// Pods in some namespaces whose labels match a selector: one clause of a <see cref="PodQuery"/>.
/// <paramref name="Namespaces"/> null means every namespace (of the query's tenant).
/// </summary>
public sealed record PodQueryTerm(IReadOnlySet<string>? Namespaces, LabelQuery Selector)
{
    public bool Matches(Pod pod) =>
        (Namespaces is null || Namespaces.Contains(pod.Metadata.Namespace ?? string.Empty)) && Selector.Matches(pod.Metadata.Labels);

    /// <summary>Canonical text: the same pods give the same key.</summary>
    public string Key => (Namespaces is null ? "*" : string.Join(',', Namespaces.Order(StringComparer.Ordinal))) + "|" + Selector;
}
