using Ursa.Scheduler.Framework;

namespace Ursa.Scheduler.Cache;

/// <summary>
/// The scheduler's view of nodes and what runs on them. A pod is <i>assumed</i> onto its node the moment it is
/// chosen, before the bind is written, so the next decision already sees its resources (throughput is not bound
/// by API round trips); the informer's bound pod later confirms it, a failed bind forgets it.
/// </summary>
public sealed class SchedulerCache
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, NodeInfo> _nodes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _podNodes = new(StringComparer.Ordinal);
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

    /// <summary>Records a pod the API reports bound to a node (confirming an assumption, or a pod bound elsewhere).</summary>
    public void AddBoundPod(string key, Pod pod)
    {
        var node = pod.Spec!.NodeName!;
        lock (_lock)
        {
            if (_podNodes.TryGetValue(key, out var current))
            {
                _assumed.Remove(key);
                if (current == node)
                {
                    return;
                }

                _nodes.GetValueOrDefault(current)?.RemovePod(key);
            }

            _podNodes[key] = node;
            _nodes.GetValueOrDefault(node)?.AddPod(key, PodRequest.Of(pod));
        }
    }

    /// <summary>Forgets a pod that is gone or no longer holds a node (deleted, finished, or VM shut down).</summary>
    public void RemovePod(string key)
    {
        lock (_lock)
        {
            if (_podNodes.Remove(key, out var node))
            {
                _assumed.Remove(key);
                _nodes.GetValueOrDefault(node)?.RemovePod(key);
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
            if (_assumed.Contains(key) || !_podNodes.Remove(key, out var node))
            {
                return false;
            }

            _nodes.GetValueOrDefault(node)?.RemovePod(key);
            return true;
        }
    }

    /// <summary>Counts the pod on the node before its bind is written.</summary>
    public void Assume(string key, PodRequest pod, NodeInfo node)
    {
        lock (_lock)
        {
            _podNodes[key] = node.Name;
            _assumed.Add(key);
            node.AddPod(key, pod);
        }
    }

    /// <summary>Undoes <see cref="Assume"/> after a failed bind.</summary>
    public void Forget(string key)
    {
        lock (_lock)
        {
            if (_assumed.Remove(key) && _podNodes.Remove(key, out var node))
            {
                _nodes.GetValueOrDefault(node)?.RemovePod(key);
            }
        }
    }

    public bool IsAssumedOrBound(string key)
    {
        lock (_lock)
        {
            return _podNodes.ContainsKey(key);
        }
    }

    /// <summary>
    /// Runs a decision against the nodes under the cache lock, so an assumption and the next decision never race.
    /// The node array is rebuilt only when nodes come or go.
    /// </summary>
    public T WithNodes<T>(Func<IReadOnlyList<NodeInfo>, T> decide)
    {
        lock (_lock)
        {
            if (_dirty)
            {
                _snapshot = [.. _nodes.Values.OrderBy(n => n.Name, StringComparer.Ordinal)];
                _dirty = false;
            }

            return decide(_snapshot);
        }
    }
}
