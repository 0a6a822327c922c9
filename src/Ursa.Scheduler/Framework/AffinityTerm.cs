using LabelQuery = Ursa.ApiMachinery.Selectors.LabelSelector;

namespace Ursa.Scheduler.Framework;

/// <summary>
/// One inter-pod (anti-)affinity term of a pod, parsed once: which pods it is about (selector and namespaces,
/// relative to the namespace of the pod that declares it) and the node label that defines "the same place".
/// </summary>
public sealed class AffinityTerm
{
    private readonly HashSet<string> _namespaces;

    public AffinityTerm(PodAffinityTerm term, Pod owner, int weight = 1)
    {
        TopologyKey = term.TopologyKey ?? string.Empty;
        OwnerNamespace = owner.Metadata.Namespace ?? string.Empty;
        Selector = PodSelectors.From(term.LabelSelector, term.MatchLabelKeys, owner.Metadata.Labels, term.MismatchLabelKeys);
        _namespaces = new HashSet<string>(term.Namespaces ?? [], StringComparer.Ordinal);
        NamespaceSelector = term.NamespaceSelector is null ? null : PodSelectors.From(term.NamespaceSelector);
        Weight = weight;
    }

    public string TopologyKey { get; }

    public string OwnerNamespace { get; }

    public LabelQuery Selector { get; }

    /// <summary>Null when the term has no namespaceSelector; <c>{}</c> selects every namespace.</summary>
    public LabelQuery? NamespaceSelector { get; }

    /// <summary>The weight of a preferred term (1 for a required one).</summary>
    public int Weight { get; }

    /// <summary>Kubernetes' rule: no namespaces and no namespaceSelector mean the declaring pod's own namespace.</summary>
    public bool CoversNamespace(string ns, IReadOnlyDictionary<string, string>? namespaceLabels) =>
        _namespaces.Count == 0 && NamespaceSelector is null
            ? ns == OwnerNamespace
            : _namespaces.Contains(ns) || NamespaceSelector?.Matches(namespaceLabels) == true;

    /// <summary>Whether <paramref name="pod"/> (of the same tenant) is one of the pods this term is about.</summary>
    public bool Matches(Pod pod, IReadOnlyDictionary<string, string>? namespaceLabels) =>
        CoversNamespace(pod.Metadata.Namespace ?? string.Empty, namespaceLabels) && Selector.Matches(pod.Metadata.Labels);

    /// <summary>The term as a cache query; a namespaceSelector is resolved against the tenant's namespaces now.</summary>
    public PodQueryTerm ToQueryTerm(IClusterState cluster, string tenant)
    {
        if (NamespaceSelector is { IsEmpty: true })
        {
            return new PodQueryTerm(null, Selector);
        }

        var namespaces = new HashSet<string>(_namespaces, StringComparer.Ordinal);
        if (NamespaceSelector is not null)
        {
            foreach (var (name, labels) in cluster.Namespaces(tenant))
            {
                if (NamespaceSelector.Matches(labels))
                {
                    namespaces.Add(name);
                }
            }
        }
        else if (namespaces.Count == 0)
        {
            namespaces.Add(OwnerNamespace);
        }

        return new PodQueryTerm(namespaces, Selector);
    }
}
