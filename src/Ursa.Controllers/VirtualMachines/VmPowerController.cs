using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Ursa.Client.Events;
using Ursa.Client.Informers;
using Ursa.Client.Queues;
using Ursa.Client.Rest;

namespace Ursa.Controllers.VirtualMachines;

/// <summary>
/// The VM power cycle (Arktos): a VM pod set to <c>powerSpec: Shutdown</c> releases its node once the node's agent
/// has stopped the VM (<see cref="VmPowerRules"/>), so the node's resources are free for other pods; setting
/// <c>powerSpec: Running</c> again sends the unbound pod back through the scheduler.
/// <code>
///   user: powerSpec Shutdown ─▶ agent stops the VM, reports powerState shutdown ─▶ this controller clears
///   spec.nodeName (API server: PodScheduled=False PoweredOff, nominatedNodeName = old node) ─▶ scheduler frees
///   the resources │ user: powerSpec Running ─▶ scheduler binds it (its old node first) ─▶ agent starts the VM
/// </code>
/// Level-triggered on pod keys: pod changes, node readiness changes and a lost node's grace timer enqueue them.
/// The release is a merge patch of the main resource guarded by the pod's uid and resourceVersion, so a pod that
/// changed meanwhile (powered on again) is never released on a stale view.
/// </summary>
public sealed partial class VmPowerController : IInformerHandler<Pod>, IInformerHandler<Node>
{
    private readonly IApiClient _client;
    private readonly VmPowerOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Informer<Pod> _pods;
    private readonly Informer<Node> _nodes;
    private readonly WorkQueue<string> _queue;
    private readonly EventRecorder _events;

    public VmPowerController(IApiClient client, SharedInformers informers, VmPowerOptions options, TimeProvider time, ILogger logger)
    {
        options.Validate();
        _client = client;
        _options = options;
        _time = time;
        _logger = logger;
        _queue = new WorkQueue<string>(time);
        _events = new EventRecorder(client, "vm-power-controller", time);
        // Only pods meant to be off are watched (a selectable field of Ursa's): the cache stays as small as the
        // number of powered-off VMs, and container-pod churn costs this controller nothing.
        _pods = informers.For<Pod>(ResourceRef.Pods, new ListOptions { Tenant = "all", FieldSelector = "spec.virtualMachine.powerSpec=Shutdown" });
        _nodes = informers.For<Node>(ResourceRef.Nodes, new ListOptions());
        _pods.AddHandler(this);
        _nodes.AddHandler(this);
    }

    public Task RunAsync(CancellationToken cancellationToken, int workers = 2) =>
        KeyedWorkers.RunControllerAsync(_queue, [_pods.Synced, _nodes.Synced], ReconcileAsync, "VmPower", _logger, workers, cancellationToken, _events.RunAsync);

    public void OnAdd(Pod obj)
    {
        if (VmPowerRules.IsCandidate(obj))
        {
            _queue.Add(ObjectKeys.Of(obj));
        }
    }

    public void OnUpdate(Pod oldObj, Pod newObj) => OnAdd(newObj);

    public void OnDelete(Pod obj)
    {
    }

    public void OnAdd(Node obj)
    {
    }

    /// <summary>Only a change of readiness matters to the rule; heartbeat-only updates are not worth a pod scan.</summary>
    public void OnUpdate(Node oldObj, Node newObj)
    {
        if (Ready(oldObj) != Ready(newObj))
        {
            EnqueuePodsOn(newObj.Metadata.Name!);
        }
    }

    public void OnDelete(Node obj)
    {
        EnqueuePodsOn(obj.Metadata.Name!);
    }

    private void EnqueuePodsOn(string node)
    {
        foreach (var pod in _pods.List())
        {
            if (pod.Spec?.NodeName == node && VmPowerRules.IsCandidate(pod))
            {
                _queue.Add(ObjectKeys.Of(pod));
            }
        }
    }

    private static string? Ready(Node node) => node.Status?.Conditions?.FirstOrDefault(c => c.Type == "Ready")?.Status;

    private async Task ReconcileAsync(string key, CancellationToken cancellationToken)
    {
        if (_pods.Get(key) is not { } pod || !VmPowerRules.IsCandidate(pod) || pod.Spec?.NodeName is not { Length: > 0 } node)
        {
            return;
        }

        var now = _time.GetUtcNow();
        var decision = VmPowerRules.Decide(pod, await NodeAsync(node, cancellationToken).ConfigureAwait(false), now, _options.NodeLostGrace);
        if (decision.LookAgainAt is { } at)
        {
            _queue.AddAfter(key, at - now);
            return;
        }

        if (decision.ReleaseBecause is not { } why)
        {
            return;
        }

        var patch = new JsonObject
        {
            ["metadata"] = new JsonObject { ["uid"] = pod.Metadata.Uid, ["resourceVersion"] = pod.Metadata.ResourceVersion },
            ["spec"] = new JsonObject { ["nodeName"] = null },
        }.ToJsonString();
        try
        {
            await _client.PatchAsync<Pod>(ResourceRef.Pods, pod.Metadata.Tenant, pod.Metadata.Namespace, pod.Metadata.Name!, PatchType.Merge, patch, null, cancellationToken).ConfigureAwait(false);
        }
        catch (ApiStatusException e) when (e.IsNotFound || e.IsConflict)
        {
            // Gone, or changed since the cache saw it: its update event brings the newer pod back here.
            return;
        }

        Log.Released(_logger, key, node, why);
        _events.Record(pod, "Pod", "Normal", "PoweredOff", $"Released node {node}: {why}; powerSpec: Running schedules it again");
    }

    /// <summary>The node from the cache; one missing there is confirmed by a live read before it counts as gone
    /// (the node informer may lag the pod informer for a node that just registered).</summary>
    private async Task<Node?> NodeAsync(string name, CancellationToken cancellationToken)
    {
        if (_nodes.Get(ObjectKeys.OfClusterScoped(name)) is { } cached)
        {
            return cached;
        }

        try
        {
            return await _client.GetAsync<Node>(ResourceRef.Nodes, null, null, name, cancellationToken).ConfigureAwait(false);
        }
        catch (ApiStatusException e) when (e.IsNotFound)
        {
            return null;
        }
    }

    private static partial class Log
    {
        [LoggerMessage(470, LogLevel.Information, "VM pod {Pod} released node {Node} ({Reason})")]
        public static partial void Released(ILogger logger, string pod, string node, string reason);
    }
}
