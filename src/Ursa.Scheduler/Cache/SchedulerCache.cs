using Ursa.Scheduler.Framework;

namespace Ursa.Scheduler.Cache;

/// <summary>
/// The scheduler's view of nodes and what runs on them. A pod is <i>assumed</i> onto its node the moment it is
/// chosen, before the bind is written, so the next decision already sees its resources (throughput is not bound
/// by API round trips); the informer's bound pod later confirms it, a failed bind forgets it. Beside the nodes it
/// keeps the pod indexes inter-pod affinity and topology spread read (<see cref="PodCounter"/>s,
/// <see cref="AffinityGroup"/>s), updated on the same calls, so those plugins never scan all pods per decision.
/// </summary>
public sealed partial class SchedulerCache
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, NodeInfo> _nodes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, PodEntry> _pods = new(StringComparer.Ordinal);
    private readonly HashSet<string> _assumed = new(StringComparer.Ordinal);
    private NodeInfo[] _snapshot = [];
    private bool _dirty;

    public int NodeCount
    {
        get
        {
            lock (_lock)
            {
                return _nodes.Count;
            }
        }
    }

    public void UpsertNode(Node node)
    {
        lock (_lock)
        {
            if (_nodes.TryGetValue(node.Metadata.Name!, out var info))
            {
                info.Update(node);
            }
            else
            {
                _nodes[node.Metadata.Name!] = new NodeInfo(node);
                _dirty = true;
            }
        }
    }

    public void RemoveNode(string name)
    {
        lock (_lock)
        {
            _dirty |= _nodes.Remove(name);
        }
    }

    /// <summary>
    /// Records a pod the API reports bound to a node (confirming an assumption, or a pod bound elsewhere). Returns
    /// true when the cache did not count the pod there yet (a change other pods' affinity may care about).
    /// </summary>
    public bool AddBoundPod(string key, Pod pod)
    {
        var node = pod.Spec!.NodeName!;
        lock (_lock)
        {
            if (_pods.TryGetValue(key, out var current))
            {
                _assumed.Remove(key);
                if (current.Node == node && SameLabels(current.Request.Pod, pod))
                {
                    return false;
                }

                Untrack(key, current);
            }

            Track(key, node, PodRequest.Of(pod));
            return current is null;
        }
    }

    /// <summary>Forgets a pod that is gone or no longer holds a node (deleted, finished, or VM shut down).</summary>
    public void RemovePod(string key)
    {
        lock (_lock)
        {
            if (_pods.Remove(key, out var entry))
            {
                _assumed.Remove(key);
                Untrack(key, entry);
            }
        }
    }

    /// <summary>
    /// Forgets a pod the API reports unbound that the cache holds as bound (not merely assumed, whose bind may still
    /// be in flight): a VM pod that released its node. True when it held resources there.
    /// </summary>
    public bool ForgetReleased(string key)
    {
        lock (_lock)
        {
            if (_assumed.Contains(key) || !_pods.Remove(key, out var entry))
            {
                return false;
            }

            Untrack(key, entry);
            return true;
        }
    }

    /// <summary>Counts the pod on the node before its bind is written.</summary>
    public void Assume(string key, PodRequest pod, NodeInfo node)
    {
        lock (_lock)
        {
            if (_pods.Remove(key, out var stale))
            {
                Untrack(key, stale);
            }

            _assumed.Add(key);
            Track(key, node.Name, pod);
        }
    }

    /// <summary>Undoes <see cref="Assume"/> after a failed bind.</summary>
    public void Forget(string key)
    {
        lock (_lock)
        {
            if (_assumed.Remove(key) && _pods.Remove(key, out var entry))
            {
                Untrack(key, entry);
            }
        }
    }

    public bool IsAssumedOrBound(string key)
    {
        lock (_lock)
        {
            return _pods.ContainsKey(key);
        }
    }

    /// <summary>
    /// Runs a decision against the cluster under the cache lock, so an assumption and the next decision never race.
    /// The node array is rebuilt only when nodes come or go.
    /// </summary>
    public T Decide<T>(Func<IClusterState, T> decide)
    {
        lock (_lock)
        {
            if (_dirty)
            {
                _snapshot = [.. _nodes.Values.OrderBy(n => n.Name, StringComparer.Ordinal)];
                _dirty = false;
            }

            BeginDecision();
            return decide(_view ??= new ClusterView(this));
        }
    }

    private void Track(string key, string node, PodRequest request)
    {
        var entry = new PodEntry(node, request, GroupFor(request.Pod));
        _pods[key] = entry;
        _nodes.GetValueOrDefault(node)?.AddPod(key, request);
        Index(entry, +1);
    }

    private void Untrack(string key, PodEntry entry)
    {
        _nodes.GetValueOrDefault(entry.Node)?.RemovePod(key);
        Index(entry, -1);
    }

    private static bool SameLabels(Pod a, Pod b)
    {
        var x = a.Metadata.Labels;
        var y = b.Metadata.Labels;
        if (ReferenceEquals(x, y))
        {
            return true;
        }

        if ((x?.Count ?? 0) != (y?.Count ?? 0))
        {
            return false;
        }

        foreach (var (name, value) in x ?? [])
        {
            if (y is null || !y.TryGetValue(name, out var other) || other != value)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>A pod the cache counts: where, what it asks, and the affinity group it belongs to (if any).</summary>
    private sealed record PodEntry(string Node, PodRequest Request, AffinityGroup? Group);
}
