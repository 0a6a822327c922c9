using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Ursa.Client.Events;
using Ursa.Client.Informers;
using Ursa.Client.Rest;
using Ursa.Cri.V1;
using Ursa.Cri.Vm;
using Ursa.Grpc;
using Ursa.NodeAgent.Pods;
using Ursa.NodeAgent.Runtimes;
using ActionObject = Ursa.Api.Core.Action;
using ContainerState = Ursa.Cri.V1.ContainerState;

namespace Ursa.NodeAgent.VirtualMachines;

/// <summary>
/// Performs the Arktos pod actions (<c>POST pods/NAME/action</c> → an Action for this node): reboot, snapshot,
/// restore on the pod's VM through the VM runtime, then writes the Action's status (complete, error, snapshot id,
/// times) and an event on the pod. Every action ends, done or failed with a reason: a pod that is gone or not a
/// VM, an unknown snapshot, a runtime error.
/// </summary>
public sealed partial class VmActionController : IInformerHandler<ActionObject>
{
    private readonly IApiClient _client;
    private readonly PodSyncLoop _pods;
    private readonly RuntimeRegistry _registry;
    private readonly EventRecorder _events;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Informer<ActionObject> _actions;
    private readonly Channel<ActionObject> _queue = Channel.CreateUnbounded<ActionObject>(new UnboundedChannelOptions { SingleReader = true });
    private readonly HashSet<string> _seen = new(StringComparer.Ordinal);

    public VmActionController(IApiClient client, string nodeName, PodSyncLoop pods, RuntimeRegistry registry, EventRecorder events, TimeProvider time, ILogger logger)
    {
        _client = client;
        _pods = pods;
        _registry = registry;
        _events = events;
        _time = time;
        _logger = logger;
        _actions = new Informer<ActionObject>(client, ResourceRef.Actions, new ListOptions { Tenant = "all", FieldSelector = $"spec.nodeName={nodeName}" }, time, logger);
        _actions.AddHandler(this);
    }

    public void OnAdd(ActionObject obj) => Offer(obj);

    public void OnUpdate(ActionObject oldObj, ActionObject newObj) => Offer(newObj);

    public void OnDelete(ActionObject obj)
    {
    }

    /// <summary>Runs until cancelled, one action at a time (they change one VM each and are short).</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var informer = _actions.RunAsync(cancellationToken);
        try
        {
            await foreach (var action in _queue.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                await PerformAsync(action, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        finally
        {
            await informer.ConfigureAwait(false);
        }
    }

    private void Offer(ActionObject action)
    {
        if (action.Status?.Complete == true || action.Metadata.Uid is not { } uid)
        {
            return;
        }

        lock (_seen)
        {
            if (!_seen.Add(uid))
            {
                return;
            }
        }

        _queue.Writer.TryWrite(action);
    }

    private async Task PerformAsync(ActionObject action, CancellationToken cancellationToken)
    {
        var started = _time.GetUtcNow();
        var podAction = action.Spec?.PodAction;
        var pod = podAction?.PodName is { } name ? _pods.Find(action.Metadata.Tenant, action.Metadata.Namespace!, name) : null;
        string? error = null;
        string? snapshotId = null;
        try
        {
            if (pod is null || (podAction!.PodID is { Length: > 0 } id && id != pod.Metadata.Uid))
            {
                throw new ActionFailedException($"pod {action.Metadata.Namespace}/{podAction?.PodName} does not run on this node");
            }

            var runtime = _registry.Resolve(pod).Runtime?.VirtualMachines
                ?? throw new ActionFailedException($"pod {pod.Metadata.Name} is not a VM pod or no VM runtime is ready");
            var vmId = await FindVmAsync(_registry.Resolve(pod).Runtime!.Runtime, pod, cancellationToken).ConfigureAwait(false);
            if (podAction!.RebootAction is not null)
            {
                await runtime.RebootAsync(new RebootRequest { ContainerId = vmId }, cancellationToken).ConfigureAwait(false);
                _events.Record(pod, "Pod", "Normal", "Rebooted", $"Virtual machine {pod.Spec!.VirtualMachine!.Name} rebooted (action {action.Metadata.Name})");
            }
            else if (podAction.SnapshotAction is { } snapshot)
            {
                var taken = await runtime.CreateSnapshotAsync(new CreateSnapshotRequest { ContainerId = vmId, Name = snapshot.SnapshotName ?? string.Empty }, cancellationToken).ConfigureAwait(false);
                snapshotId = taken.Snapshot.Id;
                _events.Record(pod, "Pod", "Normal", "SnapshotCreated", $"Snapshot {snapshotId} of virtual machine {pod.Spec!.VirtualMachine!.Name} taken (action {action.Metadata.Name})");
            }
            else if (podAction.RestoreAction is { } restore)
            {
                await runtime.RestoreSnapshotAsync(new RestoreSnapshotRequest { ContainerId = vmId, SnapshotId = restore.SnapshotID ?? string.Empty }, cancellationToken).ConfigureAwait(false);
                snapshotId = restore.SnapshotID;
                _events.Record(pod, "Pod", "Normal", "SnapshotRestored", $"Virtual machine {pod.Spec!.VirtualMachine!.Name} restored to snapshot {snapshotId} (action {action.Metadata.Name})");
            }
            else
            {
                throw new ActionFailedException("the action names no operation");
            }
        }
        catch (ActionFailedException e)
        {
            error = e.Message;
        }
        catch (GrpcException e)
        {
            error = e.Detail;
        }

        if (error is not null && pod is not null)
        {
            _events.Record(pod, "Pod", "Warning", "ActionFailed", $"Action {action.Metadata.Name} failed: {error}");
        }

        Log.Performed(_logger, action.Metadata.Namespace ?? string.Empty, action.Metadata.Name ?? string.Empty, error ?? "done");
        action.Status = new ActionStatus
        {
            Complete = true,
            Error = error,
            PodActionStatus = new PodActionStatus { SnapshotID = snapshotId, StartTime = started, CompletionTime = _time.GetUtcNow() },
        };
        try
        {
            await _client.UpdateAsync(ResourceRef.Actions, action, "status", cancellationToken).ConfigureAwait(false);
        }
        catch (ApiStatusException e) when (e.IsNotFound)
        {
        }
    }

    private static async Task<string> FindVmAsync(Ursa.Cri.IRuntimeService runtime, Pod pod, CancellationToken cancellationToken)
    {
        var request = new ListContainersRequest { Filter = new ContainerFilter() };
        request.Filter.LabelSelector[CriLabels.PodUid] = pod.Metadata.Uid!;
        var vm = (await runtime.ListContainersAsync(request, cancellationToken).ConfigureAwait(false)).Containers
            .Where(c => c.State is ContainerState.ContainerRunning or ContainerState.ContainerCreated or ContainerState.ContainerExited)
            .OrderByDescending(c => c.CreatedAt).FirstOrDefault();
        return vm?.Id ?? throw new ActionFailedException($"pod {pod.Metadata.Name} has no VM yet");
    }

    private sealed class ActionFailedException(string message) : Exception(message);

    private static partial class Log
    {
        [LoggerMessage(460, LogLevel.Information, "Action {Namespace}/{Action}: {Outcome}")]
        public static partial void Performed(ILogger logger, string @namespace, string action, string outcome);
    }
}
