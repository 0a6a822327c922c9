namespace Ursa.Scheduler.Framework;

/// <summary>
/// A set of pods counted per node by the scheduler cache: the pods of one tenant that match every term. Queries
/// never cross tenants, so a pod's affinity and spread only ever see its own tenant's pods.
/// </summary>
public sealed class PodQuery
{
    public PodQuery(string tenant, IReadOnlyList<PodQueryTerm> terms)
    {
        Tenant = tenant;
        Terms = terms;
        Key = tenant + "\n" + string.Join('\n', terms.Select(t => t.Key));
    }

    public string Tenant { get; }

    public IReadOnlyList<PodQueryTerm> Terms { get; }

    /// <summary>Identifies the query in the cache: equal keys count the same pods.</summary>
    public string Key { get; }

    /// <summary>False when a term's selector is null (Kubernetes: matches nothing), so there is nothing to count.</summary>
    public bool CanMatch => Terms.All(t => !PodSelectors.MatchesNothing(t.Selector));

    public bool Matches(Pod pod)
    {
        if ((pod.Metadata.Tenant ?? string.Empty) != Tenant)
        {
            return false;
        }

        foreach (var term in Terms)
        {
            if (!term.Matches(pod))
            {
                return false;
            }
        }

        return true;
    }
}
