using Ursa.Scheduler.Framework;

namespace Ursa.Scheduler.Cache;

public sealed partial class SchedulerCache
{
    /// <summary>The cache as pre-filter plugins see it; only used inside <see cref="Decide{T}"/>, under the lock.</summary>
    private sealed class ClusterView(SchedulerCache cache) : IClusterState
    {
        private static readonly Dictionary<string, int> None = [];

        public IReadOnlyList<NodeInfo> Nodes => cache._snapshot;

        public NodeInfo? FindNode(string name) => cache._nodes.GetValueOrDefault(name);

        public IReadOnlyDictionary<string, int> CountPods(PodQuery query) =>
            query.CanMatch ? cache.Counter(query).Nodes : None;

        public IReadOnlyCollection<AffinityGroup> AffinityGroups(string tenant) =>
            cache._groups.TryGetValue(tenant, out var groups) ? groups.Values : [];

        public IReadOnlyDictionary<string, string>? NamespaceLabels(string tenant, string ns) =>
            cache._namespaces.TryGetValue(tenant, out var names) ? names.GetValueOrDefault(ns) : null;

        public IEnumerable<KeyValuePair<string, IReadOnlyDictionary<string, string>?>> Namespaces(string tenant) =>
            cache._namespaces.TryGetValue(tenant, out var names) ? names : [];
    }
}
