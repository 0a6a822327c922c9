namespace Ursa.Scheduler.Framework;

/// <summary>
/// What a pre-filter plugin may read beyond a single node, for one decision (the cache lock is held, so it is
/// consistent with the nodes being filtered). Every answer is scoped to one tenant.
/// </summary>
public interface IClusterState
{
    IReadOnlyList<NodeInfo> Nodes { get; }

    NodeInfo? FindNode(string name);

    /// <summary>
    /// Node name → number of pods (bound or assumed) matching <paramref name="query"/>; nodes without any are
    /// absent. The cache counts a query once, then keeps its counts as pods come and go, so asking again for the
    /// next replica costs a dictionary lookup.
    /// </summary>
    IReadOnlyDictionary<string, int> CountPods(PodQuery query);

    /// <summary>The groups of existing pods of <paramref name="tenant"/> that declare inter-pod (anti-)affinity.</summary>
    IReadOnlyCollection<AffinityGroup> AffinityGroups(string tenant);

    /// <summary>Labels of a namespace (null when unknown), for namespaceSelector.</summary>
    IReadOnlyDictionary<string, string>? NamespaceLabels(string tenant, string ns);

    /// <summary>The tenant's namespaces with their labels.</summary>
    IEnumerable<KeyValuePair<string, IReadOnlyDictionary<string, string>?>> Namespaces(string tenant);
}
