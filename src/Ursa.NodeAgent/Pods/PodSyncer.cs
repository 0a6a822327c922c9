using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Extensions.Logging;
using Ursa.Client.Events;
using Ursa.Client.Rest;
using Ursa.Cri;
using Ursa.Cri.V1;
using Ursa.Grpc;
using Ursa.NodeAgent.Agent;
using Ursa.NodeAgent.Registration;
using Container = Ursa.Api.Core.Container;
using ContainerState = Ursa.Cri.V1.ContainerState;

namespace Ursa.NodeAgent.Pods;

/// <summary>
/// One level-triggered pass over one pod (the kubelet's SyncPod): read what the runtime holds, make it match the
/// spec - sandbox, image pulls, containers, restarts with back-off - report the status, and on deletion stop
/// everything gracefully and confirm the delete. Idempotent: a pass after a crash or restart of the agent starts
/// from the runtime's state, so running containers are re-adopted untouched.
/// </summary>
/// <remarks>
/// <code>
///  deleting? ── yes ─> stop containers (grace) ─> stop+remove sandboxes ─> delete pod (grace 0)
///     │ no
///  observe (ListPodSandbox/ListContainers by pod uid) ─> sandbox ready? ─ no ─> RunPodSandbox (attempt+1)
///     │
///  per container: running ─> keep (replace if spec changed) | exited ─> restartPolicy + back-off ─> pull ─> create ─> start
///     │
///  observe again ─> PodStatusConverter ─> PUT status if it changed ─> terminal? stop sandbox
/// </code>
/// Safe for concurrent calls on different pods; the caller never syncs one pod twice at once (the work queue).
/// </remarks>
public sealed partial class PodSyncer
{
    private readonly AgentOptions _options;
    private readonly MachineInfo _machine;
    private readonly IApiClient _client;
    private readonly EventRecorder _events;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly RestartBackOff _backOff;
    private readonly PodCgroups? _cgroups;
    private readonly ConcurrentDictionary<string, DateTimeOffset> _lastSandboxFailure = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, DateTimeOffset> _lastPullFailure = new(StringComparer.Ordinal);

    // One BackOff event per back-off window, not one per sync.
    private readonly ConcurrentDictionary<string, byte> _backOffReported = new(StringComparer.Ordinal);

    // The VM status last written per pod uid: the pod handed to a sync may predate it (the informer lags the
    // agent's own writes), and a transition must be recorded once, not again on a stale copy.
    private readonly ConcurrentDictionary<string, VirtualMachineStatus> _vmStatusWritten = new(StringComparer.Ordinal);

    /// <param name="options">Agent settings.</param>
    /// <param name="machine">The node's machine.</param>
    /// <param name="client">The API server.</param>
    /// <param name="events">Where events go.</param>
    /// <param name="time">The clock.</param>
    /// <param name="logger">Logging.</param>
    /// <param name="cgroups">Pod cgroups to create and limit before each sandbox (null: leave them to the runtime).</param>
    public PodSyncer(AgentOptions options, MachineInfo machine, IApiClient client, EventRecorder events, TimeProvider time, ILogger logger, PodCgroups? cgroups = null)
    {
        _cgroups = cgroups;
        _options = options;
        _machine = machine;
        _client = client;
        _events = events;
        _time = time;
        _logger = logger;
        _backOff = new RestartBackOff(options.InitialBackOff, options.MaxBackOff, time);
    }

    /// <summary>Brings <paramref name="pod"/> to its spec on <paramref name="runtime"/> and reports its status.</summary>
    /// <param name="pod">The pod.</param>
    /// <param name="runtime">The runtime's CRI RuntimeService.</param>
    /// <param name="images">The runtime's CRI ImageService.</param>
    /// <param name="runtimeName">Prefix of container IDs in the status.</param>
    /// <param name="vms">The VM extension (VM runtimes only); a VM pod needs it.</param>
    /// <param name="cancellationToken">Cancels the pass.</param>
    public async Task<SyncResult> SyncAsync(Pod pod, IRuntimeService runtime, IImageService images, string runtimeName, CancellationToken cancellationToken, IVirtualMachineService? vms = null)
    {
        var uid = pod.Metadata.Uid ?? throw new ArgumentException("pod has no uid", nameof(pod));
        if (pod.Metadata.DeletionTimestamp is not null)
        {
            await TerminateAsync(pod, runtime, cancellationToken).ConfigureAwait(false);
            return SyncResult.Done;
        }

        if (pod.Spec?.VirtualMachine is not null)
        {
            if (pod.Status?.Phase is "Succeeded" or "Failed")
            {
                await StopSandboxIfRunningAsync(runtime, await ObserveAsync(runtime, uid, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
                return SyncResult.Done;
            }

            return vms is null
                ? throw new InvalidOperationException($"runtime {runtimeName} serves no VM extension: it cannot run VM pod {pod.Metadata.Namespace}/{pod.Metadata.Name}")
                : await SyncVmAsync(pod, runtime, images, vms, cancellationToken).ConfigureAwait(false);
        }

        var observed = await ObserveAsync(runtime, uid, cancellationToken).ConfigureAwait(false);
        if (pod.Status?.Phase is "Succeeded" or "Failed")
        {
            await StopSandboxIfRunningAsync(runtime, observed, cancellationToken).ConfigureAwait(false);
            return SyncResult.Done;
        }

        var waiting = new Dictionary<string, ContainerWaiting>(StringComparer.Ordinal);
        TimeSpan? requeue = null;
        if (!observed.SandboxReady && !AllDone(pod, observed))
        {
            var created = await EnsureSandboxAsync(pod, runtime, observed, cancellationToken).ConfigureAwait(false);
            if (created is { } delay)
            {
                foreach (var c in pod.Spec?.Containers ?? [])
                {
                    waiting[c.Name ?? string.Empty] = new ContainerWaiting("ContainerCreating", "waiting for the pod sandbox");
                }

                await WriteStatusAsync(pod, observed, waiting, runtimeName, cancellationToken).ConfigureAwait(false);
                return SyncResult.After(delay);
            }

            observed = await ObserveAsync(runtime, uid, cancellationToken).ConfigureAwait(false);
        }

        if (observed.SandboxReady)
        {
            var sandboxConfig = SandboxConfigFactory.Create(pod, PodPaths.LogDirectory(_options.RootDirectory, pod), _options.CgroupRoot, observed.Sandbox!.Metadata?.Attempt ?? 0);
            var changed = false;
            foreach (var container in pod.Spec?.Containers ?? [])
            {
                var (acted, after) = await SyncContainerAsync(pod, container, runtime, images, observed, sandboxConfig, waiting, cancellationToken).ConfigureAwait(false);
                changed |= acted;
                requeue = SyncResult.Earliest(requeue, after);
            }

            if (changed)
            {
                observed = await ObserveAsync(runtime, uid, cancellationToken).ConfigureAwait(false);
            }

            await CollectGarbageAsync(runtime, observed, cancellationToken).ConfigureAwait(false);
        }

        var status = await WriteStatusAsync(pod, observed, waiting, runtimeName, cancellationToken).ConfigureAwait(false);
        if (status.Phase is "Succeeded" or "Failed")
        {
            await StopSandboxIfRunningAsync(runtime, observed, cancellationToken).ConfigureAwait(false);
        }

        return new SyncResult(requeue);
    }

    /// <summary>Stops and removes everything of a pod the cluster no longer has (deleted while the agent was away).</summary>
    public async Task CleanupAsync(string uid, IRuntimeService runtime, CancellationToken cancellationToken)
    {
        var observed = await ObserveAsync(runtime, uid, cancellationToken).ConfigureAwait(false);
        await StopAllAsync(runtime, observed, null, 0, cancellationToken).ConfigureAwait(false);
        _backOff.ResetPrefix(uid + "/");
        _vmStatusWritten.TryRemove(uid, out _);
        await RemoveCgroupAsync(uid, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Removes the pod's cgroup; the runtime may take a moment to release the last container's, so a busy
    /// cgroup is retried briefly (then left for the next cleanup of the same pod).</summary>
    private async Task RemoveCgroupAsync(string uid, CancellationToken cancellationToken)
    {
        for (var attempt = 0; _cgroups is not null && !_cgroups.Remove(uid) && attempt < 20; attempt++)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(100), _time, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>True when no container will run again: every one exited and the restart policy does not restart it.</summary>
    private static bool AllDone(Pod pod, ObservedPod observed)
    {
        var policy = pod.Spec?.RestartPolicy ?? "Always";
        if (policy == "Always" || observed.Sandbox is null) return false;
        return (pod.Spec?.Containers ?? []).All(c => observed.Latest(c.Name ?? string.Empty) is { State: ContainerState.ContainerExited } latest
            && (policy == "Never" || latest.Status.ExitCode == 0));
    }

    private async Task<ObservedPod> ObserveAsync(IRuntimeService runtime, string uid, CancellationToken cancellationToken)
    {
        var sandboxRequest = new ListPodSandboxRequest { Filter = new PodSandboxFilter() };
        sandboxRequest.Filter.LabelSelector[CriLabels.PodUid] = uid;
        var containerRequest = new ListContainersRequest { Filter = new ContainerFilter() };
        containerRequest.Filter.LabelSelector[CriLabels.PodUid] = uid;
        var sandboxesTask = runtime.ListPodSandboxAsync(sandboxRequest, cancellationToken);
        var containersTask = runtime.ListContainersAsync(containerRequest, cancellationToken);
        var sandboxes = (await sandboxesTask.ConfigureAwait(false)).Items
            .OrderByDescending(s => s.Metadata?.Attempt ?? 0).ThenByDescending(s => s.CreatedAt).ToList();
        var containers = (await containersTask.ConfigureAwait(false)).Containers;
        var newest = sandboxes.FirstOrDefault();
        PodSandboxStatus? sandboxStatus = null;
        if (newest is not null)
        {
            sandboxStatus = await IgnoreNotFound(runtime.PodSandboxStatusAsync(new PodSandboxStatusRequest { PodSandboxId = newest.Id }, cancellationToken), r => r.Status).ConfigureAwait(false);
        }

        var statuses = await Task.WhenAll(containers.Select(async c =>
        {
            var status = await IgnoreNotFound(runtime.ContainerStatusAsync(new ContainerStatusRequest { ContainerId = c.Id }, cancellationToken), r => r.Status).ConfigureAwait(false);
            return status is null ? null : new ObservedContainer(c.PodSandboxId, status);
        })).ConfigureAwait(false);
        return new ObservedPod(newest, sandboxStatus, sandboxes.Skip(1).ToList(), [.. statuses.OfType<ObservedContainer>()]);
    }

    private static async Task<TResult?> IgnoreNotFound<TResponse, TResult>(Task<TResponse> call, Func<TResponse, TResult> select)
        where TResult : class
    {
        try
        {
            return select(await call.ConfigureAwait(false));
        }
        catch (GrpcException e) when (e.StatusCode == GrpcStatusCode.NotFound)
        {
            return null;
        }
    }

    private static string Seconds(TimeSpan t) => t.TotalSeconds.ToString(t.TotalSeconds < 10 ? "0.###" : "0.#", CultureInfo.InvariantCulture) + "s";

    private void Record(Pod pod, string type, string reason, string message) => _events.Record(pod, "Pod", type, reason, message);

    private static string BackOffKey(Pod pod, Container container) => $"{pod.Metadata.Uid}/{container.Name}";

    private static string PullKey(Pod pod, Container container) => $"{pod.Metadata.Uid}/pull/{container.Image}";
}
