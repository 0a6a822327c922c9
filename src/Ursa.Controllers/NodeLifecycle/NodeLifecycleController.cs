using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Ursa.Client.Informers;
using Ursa.Client.Queues;
using Ursa.Client.Rest;

namespace Ursa.Controllers.NodeLifecycle;

/// <summary>
/// Watches node heartbeats (Leases in <c>kube-node-lease</c>): a node whose Lease has not been renewed within
/// the grace period gets Ready=Unknown and the <c>node.kubernetes.io/unreachable</c> NoSchedule and NoExecute
/// taints; its pods are deleted once their toleration of that taint runs out (300 s by default, which the API
/// server adds to every pod), so their controllers replace them elsewhere; a fresh Lease removes the taints.
/// Heartbeat age is measured on this controller's clock from when it saw the Lease change (as Kubernetes does),
/// so clock skew between nodes and the control plane does not matter. Level-triggered on node names: Lease,
/// Node and pod changes and a periodic monitor tick enqueue them.
/// </summary>
public sealed partial class NodeLifecycleController : IInformerHandler<Node>, IInformerHandler<Lease>
{
    private readonly IApiClient _client;
    private readonly NodeLifecycleOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Informer<Node> _nodes;
    private readonly Informer<Lease> _leases;
    private readonly Informer<Pod> _pods;
    private readonly WorkQueue<string> _queue;
    private readonly ConcurrentDictionary<string, Heartbeat> _heartbeats = new(StringComparer.Ordinal);

    public NodeLifecycleController(IApiClient client, SharedInformers informers, NodeLifecycleOptions options, TimeProvider time, ILogger logger)
    {
        options.Validate();
        _client = client;
        _options = options;
        _time = time;
        _logger = logger;
        _queue = new WorkQueue<string>(time);
        _nodes = informers.For<Node>(ResourceRef.Nodes, new ListOptions());
        _leases = informers.For<Lease>(ResourceRef.Leases, new ListOptions { Tenant = "system", Namespace = "kube-node-lease" });
        _pods = informers.For<Pod>(ResourceRef.Pods, new ListOptions { Tenant = "all" });
        _nodes.AddHandler(this);
        _leases.AddHandler(this);
    }

    public Task RunAsync(CancellationToken cancellationToken, int workers = 2) =>
        KeyedWorkers.RunControllerAsync(_queue, [_nodes.Synced, _leases.Synced, _pods.Synced], ReconcileAsync, "NodeLifecycle", _logger, workers, cancellationToken, MonitorAsync);

    public void OnAdd(Node obj) => _queue.Add(obj.Metadata.Name!);

    public void OnUpdate(Node oldObj, Node newObj) => OnAdd(newObj);

    public void OnDelete(Node obj)
    {
        _heartbeats.TryRemove(obj.Metadata.Name!, out _);
    }

    public void OnAdd(Lease obj) => Renewed(obj);

    public void OnUpdate(Lease oldObj, Lease newObj) => Renewed(newObj);

    public void OnDelete(Lease obj)
    {
    }

    private void Renewed(Lease lease)
    {
        var node = lease.Metadata.Name!;
        var renew = lease.Spec?.RenewTime;
        var now = _time.GetUtcNow();
        _heartbeats.AddOrUpdate(node, _ => new Heartbeat(renew, now), (_, seen) => seen.RenewTime == renew ? seen : new Heartbeat(renew, now));
        _queue.Add(node);
    }

    /// <summary>Time passing is a change too: look at every node each monitor period.</summary>
    private async Task MonitorAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(_options.MonitorPeriod, _time);
        while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
        {
            foreach (var node in _nodes.List())
            {
                _queue.Add(node.Metadata.Name!);
            }
        }
    }

    /// <summary>The last Lease renewTime seen for a node, and when this controller saw it change.</summary>
    private sealed record Heartbeat(DateTimeOffset? RenewTime, DateTimeOffset ObservedAt);

    private static partial class Log
    {
        [LoggerMessage(450, LogLevel.Warning, "Node {Node}: no heartbeat for {Seconds:0} s; marking it unreachable")]
        public static partial void Unreachable(ILogger logger, string node, double seconds);

        [LoggerMessage(451, LogLevel.Information, "Node {Node}: heartbeats again; removing the unreachable taints")]
        public static partial void Reachable(ILogger logger, string node);

        [LoggerMessage(452, LogLevel.Information, "Node {Node}: evicting pod {Pod} (toleration of the unreachable taint ran out)")]
        public static partial void Evicting(ILogger logger, string node, string pod);
    }
}
