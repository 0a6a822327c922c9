namespace Ursa.Scheduler.Framework;

/// <summary>
/// A node as the scheduler sees it: its object, allocatable capacity, what the pods on it (bound or assumed)
/// request, and which runtimes are ready. Mutated only by the scheduler cache under its lock.
/// </summary>
public sealed class NodeInfo(Node node)
{
    private readonly Dictionary<string, PodRequest> _pods = new(StringComparer.Ordinal);
    private bool _containerReady = Readiness(node).Container;
    private bool _vmReady = Readiness(node).Vm;

    public Node Node { get; private set; } = node;

    public string Name => Node.Metadata.Name!;

    public ResourceVector Allocatable { get; private set; } = ResourceVector.From(node.Status?.Allocatable ?? node.Status?.Capacity);

    public ResourceVector Requested { get; } = new();

    public IReadOnlyCollection<PodRequest> Pods => _pods.Values;

    /// <summary>True when the node's runtime for the workload type reports ready (node conditions
    /// <c>ContainerRuntimeReady</c> / <c>VmRuntimeReady</c>), and the node itself is Ready.</summary>
    /// <remarks>
    /// Read once per node object (in <see cref="Update"/>), not per decision: the two condition scans were 5% of
    /// the scheduler process's CPU in bench scheduler (run for every node a pod is filtered against).
    /// </remarks>
    public bool RuntimeReady(WorkloadType workload) => workload == WorkloadType.VirtualMachine ? _vmReady : _containerReady;

    public void Update(Node node)
    {
        Node = node;
        Allocatable = ResourceVector.From(node.Status?.Allocatable ?? node.Status?.Capacity);
        (_containerReady, _vmReady) = Readiness(node);
    }

    private static (bool Container, bool Vm) Readiness(Node node)
    {
        var conditions = node.Status?.Conditions ?? [];
        bool Has(string type) => conditions.Exists(c => c.Type == type && c.Status == "True");
        var ready = Has("Ready");
        return (ready && Has("ContainerRuntimeReady"), ready && Has("VmRuntimeReady"));
    }

    public bool AddPod(string key, PodRequest pod)
    {
        if (!_pods.TryAdd(key, pod))
        {
            return false;
        }

        Requested.Add(pod.Resources);
        return true;
    }

    public bool RemovePod(string key)
    {
        if (!_pods.Remove(key, out var pod))
        {
            return false;
        }

        Requested.Add(pod.Resources, -1);
        return true;
    }
}
