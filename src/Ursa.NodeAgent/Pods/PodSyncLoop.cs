using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Ursa.Client.Events;
using Ursa.Client.Informers;
using Ursa.Client.Queues;
using Ursa.Client.Rest;
using Ursa.Cri.V1;
using Ursa.Grpc;
using Ursa.NodeAgent.Agent;
using Ursa.NodeAgent.Runtimes;

namespace Ursa.NodeAgent.Pods;

/// <summary>
/// The agent's control loop (the kubelet's syncLoop): an informer on the pods bound to this node and a relist of the
/// runtimes (the kubelet's PLEG) feed one work queue of pod keys; workers run <see cref="PodSyncer"/> on each key.
/// Level-triggered: every sync starts from the cluster's and the runtime's current state, so a missed event, an
/// agent restart or a runtime restart heals on the next pass.
/// </summary>
public sealed partial class PodSyncLoop : IInformerHandler<Pod>
{
    private readonly IApiClient _client;
    private readonly AgentOptions _options;
    private readonly RuntimeRegistry _registry;
    private readonly PodSyncer _syncer;
    private readonly EventRecorder _events;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Informer<Pod> _pods;
    private readonly WorkQueue<string> _queue;
    private readonly ConcurrentDictionary<string, string> _keyByUid = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _uidByKey = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _blockedReason = new(StringComparer.Ordinal);
    private readonly RelistFingerprints _fingerprints = new();

    public PodSyncLoop(IApiClient client, AgentOptions options, RuntimeRegistry registry, PodSyncer syncer, EventRecorder events, TimeProvider time, ILogger logger)
    {
        _client = client;
        _options = options;
        _registry = registry;
        _syncer = syncer;
        _events = events;
        _time = time;
        _logger = logger;
        _queue = new WorkQueue<string>(time, TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(30));
        _pods = new Informer<Pod>(client, ResourceRef.Pods, new ListOptions { Tenant = "all", FieldSelector = $"spec.nodeName={options.NodeName}" }, time, logger);
        _pods.AddHandler(this);
    }

    /// <summary>Pods bound to this node, as last seen.</summary>
    public IReadOnlyList<Pod> Pods => _pods.List();

    /// <summary>Looks up a pod of this node by namespace and name (tenant-qualified).</summary>
    public Pod? Find(string? tenant, string ns, string name) => _pods.Get(ObjectKeys.Of(tenant, ns, name));

    /// <summary>Runs until cancelled.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var informer = _pods.RunAsync(cancellationToken);
        try
        {
            await _pods.Synced.WaitAsync(cancellationToken).ConfigureAwait(false);
            var workers = Enumerable.Range(0, _options.Workers).Select(_ => WorkAsync(cancellationToken)).ToList();
            await Task.WhenAll([.. workers, RelistLoopAsync(cancellationToken)]).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        finally
        {
            _queue.ShutDown();
            await informer.ConfigureAwait(false);
        }
    }

    /// <summary>Queues every pod again (a runtime became ready).</summary>
    public void RequeueAll()
    {
        foreach (var pod in _pods.List())
        {
            _queue.Add(ObjectKeys.Of(pod));
        }
    }

    public void OnAdd(Pod obj) => Track(obj);

    public void OnUpdate(Pod oldObj, Pod newObj) => Track(newObj);

    public void OnDelete(Pod obj)
    {
        var key = ObjectKeys.Of(obj);
        if (obj.Spec?.VirtualMachine is not null)
        {
            _departedVms[key] = 0;
        }

        _queue.Add(key);
    }

    private void Track(Pod pod)
    {
        var key = ObjectKeys.Of(pod);
        _departedVms.TryRemove(key, out _);
        if (pod.Metadata.Uid is { } uid)
        {
            _keyByUid[uid] = key;
            _uidByKey[key] = uid;
            _parked.TryRemove(uid, out _);
        }

        _queue.Add(key);
    }

    private async Task WorkAsync(CancellationToken cancellationToken)
    {
        while (await _queue.TakeAsync(cancellationToken).ConfigureAwait(false) is { } key)
        {
            try
            {
                var after = await SyncKeyAsync(key, cancellationToken).ConfigureAwait(false);
                _queue.Forget(key);
                if (after is { } delay)
                {
                    _queue.AddAfter(key, delay < TimeSpan.FromMilliseconds(50) ? TimeSpan.FromMilliseconds(50) : delay);
                }
            }
            catch (Exception e) when (e is GrpcException or ApiStatusException or HttpRequestException or IOException or UnauthorizedAccessException
                || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
            {
                Log.SyncFailed(_logger, key, e.Message);
                _queue.AddRateLimited(key);
            }
            finally
            {
                _queue.Done(key);
            }
        }
    }

    private async Task<TimeSpan?> SyncKeyAsync(string key, CancellationToken cancellationToken)
    {
        var pod = _pods.Get(key);
        if (pod is null)
        {
            // Gone from this node: whatever the runtimes still hold for it goes too, unless it is a VM pod that
            // released this node powered off (its disk stays parked here).
            if (_uidByKey.TryRemove(key, out var uid))
            {
                _keyByUid.TryRemove(uid, out _);
                if (_departedVms.TryRemove(key, out _) && await TryParkAsync(key, uid, cancellationToken).ConfigureAwait(false))
                {
                    return null;
                }

                foreach (var runtime in _registry.Runtimes)
                {
                    await _syncer.CleanupAsync(uid, runtime.Runtime, cancellationToken).ConfigureAwait(false);
                }
            }

            return null;
        }

        var resolution = _registry.Resolve(pod);
        if (!resolution.CanRun)
        {
            await ReportBlockedAsync(pod, resolution, cancellationToken).ConfigureAwait(false);
            return TimeSpan.FromSeconds(5);
        }

        _blockedReason.TryRemove(pod.Metadata.Uid!, out _);
        var runtimeName = resolution.Runtime!.Health.Version?.Split("://")[0] ?? resolution.Runtime.Spec.Name;
        var result = await _syncer.SyncAsync(pod, resolution.Runtime.Runtime, resolution.Runtime.Images, runtimeName, cancellationToken, resolution.Runtime.VirtualMachines).ConfigureAwait(false);
        return result.RequeueAfter;
    }

    /// <summary>A pod whose runtime is missing or not ready: Pending with a reason on its Ready condition and one
    /// event per reason, never silently left.</summary>
    private async Task ReportBlockedAsync(Pod pod, RuntimeResolution resolution, CancellationToken cancellationToken)
    {
        if (pod.Metadata.DeletionTimestamp is not null)
        {
            // Nothing can have started without the runtime; let the deletion finish.
            await _syncer.ConfirmDeletionAsync(pod, cancellationToken).ConfigureAwait(false);
            return;
        }

        if (_blockedReason.TryGetValue(pod.Metadata.Uid!, out var previous) && previous == resolution.Reason)
        {
            return;
        }

        _blockedReason[pod.Metadata.Uid!] = resolution.Reason!;
        _events.Record(pod, "Pod", "Warning", resolution.Reason!, resolution.Message!);
        var now = _time.GetUtcNow();
        var conditions = (pod.Status?.Conditions ?? []).Where(c => c.Type != "Ready").ToList();
        conditions.Add(new PodCondition { Type = "Ready", Status = "False", Reason = resolution.Reason, Message = resolution.Message, LastTransitionTime = now });
        var status = new PodStatus
        {
            Phase = "Pending",
            Reason = resolution.Reason,
            Message = resolution.Message,
            Conditions = conditions,
            HostIP = _options.NodeAddress,
            StartTime = pod.Status?.StartTime ?? now,
        };
        await _syncer.PutStatusAsync(pod, status, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Every relist interval, list each runtime's sandboxes and containers and queue the pods whose
    /// runtime state changed (a container exited, a sandbox died); runtime objects of pods the cluster no longer
    /// has are cleaned up.</summary>
    private async Task RelistLoopAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(_options.RelistInterval, _time);
        while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
        {
            foreach (var runtime in _registry.Runtimes)
            {
                try
                {
                    await RelistAsync(runtime, cancellationToken).ConfigureAwait(false);
                }
                catch (Exception e) when (e is GrpcException or ApiStatusException or HttpRequestException or IOException || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
                {
                    Log.RelistFailed(_logger, runtime.Spec.Name, e.Message);
                }
            }

            try
            {
                await CheckParkedAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is GrpcException or ApiStatusException or HttpRequestException or IOException || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
            {
                Log.RelistFailed(_logger, "parked VMs", e.Message);
            }
        }
    }

    private async Task RelistAsync(RegisteredRuntime runtime, CancellationToken cancellationToken)
    {
        var sandboxRequest = new ListPodSandboxRequest { Filter = new PodSandboxFilter() };
        sandboxRequest.Filter.LabelSelector[CriLabels.ManagedBy] = CriLabels.ManagedByValue;
        var containerRequest = new ListContainersRequest { Filter = new ContainerFilter() };
        containerRequest.Filter.LabelSelector[CriLabels.ManagedBy] = CriLabels.ManagedByValue;
        var sandboxes = (await runtime.Runtime.ListPodSandboxAsync(sandboxRequest, cancellationToken).ConfigureAwait(false)).Items;
        var containers = (await runtime.Runtime.ListContainersAsync(containerRequest, cancellationToken).ConfigureAwait(false)).Containers;
        var podKeys = new Dictionary<string, string>(StringComparer.Ordinal);
        var present = containers.Select(c => c.Labels.GetValueOrDefault(CriLabels.PodUid) ?? string.Empty).ToHashSet(StringComparer.Ordinal);
        foreach (var s in sandboxes)
        {
            present.Add(s.Labels.GetValueOrDefault(CriLabels.PodUid) ?? string.Empty);
            if (s.Labels.GetValueOrDefault(CriLabels.PodName) is { Length: > 0 } name)
            {
                podKeys[s.Labels.GetValueOrDefault(CriLabels.PodUid) ?? string.Empty] = ObjectKeys.Of(s.Labels.GetValueOrDefault(CriLabels.Tenant), s.Labels.GetValueOrDefault(CriLabels.PodNamespace), name);
            }
        }

        var changed = _fingerprints.Update(runtime.Spec.Name, sandboxes, containers);
        try
        {
            foreach (var uid in changed)
            {
                if (_keyByUid.TryGetValue(uid, out var key))
                {
                    _queue.Add(key);
                }
                else if (uid.Length > 0 && !_parked.ContainsKey(uid) && present.Contains(uid))
                {
                    // The cluster has no such pod on this node (deleted while the agent was away): clean up, unless
                    // it is a VM pod that released this node powered off (parked while the agent was away). A pod
                    // whose objects are all gone already needs nothing.
                    if (!podKeys.TryGetValue(uid, out var podKey) || !await TryParkAsync(podKey, uid, cancellationToken).ConfigureAwait(false))
                    {
                        await _syncer.CleanupAsync(uid, runtime.Runtime, cancellationToken).ConfigureAwait(false);
                    }
                }
            }
        }
        catch
        {
            // A failed cleanup is retried: the next relist sees every pod of this runtime as new.
            _fingerprints.Forget(runtime.Spec.Name);
            throw;
        }
    }

    private static partial class Log
    {
        [LoggerMessage(440, LogLevel.Warning, "Sync of pod {Key} failed: {Reason}")]
        public static partial void SyncFailed(ILogger logger, string key, string reason);

        [LoggerMessage(441, LogLevel.Warning, "Relist of runtime {Runtime} failed: {Reason}")]
        public static partial void RelistFailed(ILogger logger, string runtime, string reason);
    }
}
