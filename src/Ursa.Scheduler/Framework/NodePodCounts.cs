namespace Ursa.Scheduler.Framework;

/// <summary>
/// Node name → how many pods of some set sit on it (only nodes with at least one), and their total. The counting
/// behind the cache's pod counters and affinity groups.
/// </summary>
public sealed class NodePodCounts
{
    private readonly Dictionary<string, int> _nodes = new(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, int> Nodes => _nodes;

    public int Total { get; private set; }

    public void Add(string node)
    {
        _nodes[node] = _nodes.GetValueOrDefault(node) + 1;
        Total++;
    }

    /// <summary>Takes one pod off <paramref name="node"/>; nothing when none was counted there.</summary>
    public void Remove(string node)
    {
        if (!_nodes.TryGetValue(node, out var count))
        {
            return;
        }

        if (count <= 1)
        {
            _nodes.Remove(node);
        }
        else
        {
            _nodes[node] = count - 1;
        }

        Total--;
    }
}
