using Ursa.Client.Rest;
using Ursa.Cri;
using Ursa.Cri.V1;
using Ursa.Grpc;
using ContainerState = Ursa.Cri.V1.ContainerState;

namespace Ursa.NodeAgent.Pods;

public sealed partial class PodSyncer
{
    /// <summary>Creates a new sandbox (after killing what is left of a dead one). Returns null on success, else
    /// when to try again.</summary>
    private async Task<TimeSpan?> EnsureSandboxAsync(Pod pod, IRuntimeService runtime, ObservedPod observed, CancellationToken cancellationToken)
    {
        if (observed.Sandbox is not null)
        {
            Record(pod, "Normal", "SandboxChanged", "Pod sandbox changed, it will be killed and re-created.");
            await StopAllAsync(runtime, observed, pod, 0, cancellationToken, keepContainers: true).ConfigureAwait(false);
        }

        var attempt = observed.Sandbox is null ? 0u : (observed.Sandbox.Metadata?.Attempt ?? 0) + 1;
        var logDirectory = PodPaths.LogDirectory(_options.RootDirectory, pod);
        Directory.CreateDirectory(logDirectory);
        foreach (var volume in pod.Spec?.Volumes ?? [])
        {
            if (volume.EmptyDir is not null && volume.Name is { Length: > 0 } name)
            {
                Directory.CreateDirectory(PodPaths.VolumeDirectory(_options.RootDirectory, pod, name));
            }
        }

        var key = $"{pod.Metadata.Uid}/sandbox";
        if (_lastSandboxFailure.TryGetValue(key, out var failedAt) && _backOff.IsInBackOff(key, failedAt, out var remaining))
        {
            return remaining;
        }

        var config = SandboxConfigFactory.Create(pod, logDirectory, _options.CgroupRoot, attempt);
        var started = _time.GetTimestamp();
        try
        {
            _cgroups?.Apply(pod.Metadata.Uid!, PodCgroupLimits.For(pod));
            var response = await runtime.RunPodSandboxAsync(new RunPodSandboxRequest { Config = config }, cancellationToken).ConfigureAwait(false);
            Log.SandboxCreated(_logger, pod.Metadata.Namespace!, pod.Metadata.Name!, response.PodSandboxId, _time.GetElapsedTime(started).TotalMilliseconds);
            _backOff.Reset(key);
            _lastSandboxFailure.TryRemove(key, out _);
            return null;
        }
        catch (Exception e) when (e is GrpcException or IOException or UnauthorizedAccessException)
        {
            Record(pod, "Warning", "FailedCreatePodSandBox", $"Failed to create pod sandbox: {(e is GrpcException g ? g.Detail : e.Message)}");
            _backOff.Next(key);
            _lastSandboxFailure[key] = _time.GetUtcNow();
            return _backOff.Delay(key);
        }
    }

    private async Task StopSandboxIfRunningAsync(IRuntimeService runtime, ObservedPod observed, CancellationToken cancellationToken)
    {
        if (observed.SandboxReady)
        {
            await StopAllAsync(runtime, observed, null, 0, cancellationToken, keepContainers: true).ConfigureAwait(false);
        }
    }

    /// <summary>Stops every live container (SIGTERM, then SIGKILL after <paramref name="grace"/> seconds), then stops
    /// and - unless <paramref name="keepContainers"/> - removes every sandbox with its containers.</summary>
    private async Task StopAllAsync(IRuntimeService runtime, ObservedPod observed, Pod? pod, long grace, CancellationToken cancellationToken, bool keepContainers = false)
    {
        await Task.WhenAll(observed.Live.Select(async c =>
        {
            if (pod is not null && grace > 0)
            {
                Record(pod, "Normal", "Killing", $"Stopping container {c.Name}");
            }

            await IgnoreNotFound(runtime.StopContainerAsync(new StopContainerRequest { ContainerId = c.Id, Timeout = grace }, cancellationToken), r => r).ConfigureAwait(false);
        })).ConfigureAwait(false);
        foreach (var sandbox in observed.OlderSandboxes.Prepend(observed.Sandbox).OfType<PodSandbox>())
        {
            await IgnoreNotFound(runtime.StopPodSandboxAsync(new StopPodSandboxRequest { PodSandboxId = sandbox.Id }, cancellationToken), r => r).ConfigureAwait(false);
            if (!keepContainers)
            {
                await IgnoreNotFound(runtime.RemovePodSandboxAsync(new RemovePodSandboxRequest { PodSandboxId = sandbox.Id }, cancellationToken), r => r).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Keeps the newest and one previous attempt per container (for <c>logs --previous</c>) and removes
    /// older dead containers and dead sandboxes of earlier attempts.</summary>
    private async Task CollectGarbageAsync(IRuntimeService runtime, ObservedPod observed, CancellationToken cancellationToken)
    {
        foreach (var group in observed.Containers.GroupBy(c => c.Name))
        {
            foreach (var old in group.OrderByDescending(c => c.Attempt).Skip(2).Where(c => c.State == ContainerState.ContainerExited))
            {
                await IgnoreNotFound(runtime.RemoveContainerAsync(new RemoveContainerRequest { ContainerId = old.Id }, cancellationToken), r => r).ConfigureAwait(false);
            }
        }

        foreach (var sandbox in observed.OlderSandboxes)
        {
            if (observed.Containers.All(c => c.SandboxId != sandbox.Id || c.State == ContainerState.ContainerExited))
            {
                await IgnoreNotFound(runtime.StopPodSandboxAsync(new StopPodSandboxRequest { PodSandboxId = sandbox.Id }, cancellationToken), r => r).ConfigureAwait(false);
                if (observed.Containers.All(c => c.SandboxId != sandbox.Id))
                {
                    await IgnoreNotFound(runtime.RemovePodSandboxAsync(new RemovePodSandboxRequest { PodSandboxId = sandbox.Id }, cancellationToken), r => r).ConfigureAwait(false);
                }
            }
        }
    }

    /// <summary>Graceful termination of a deleted pod, then the zero-grace delete that lets the API server remove it.</summary>
    private async Task TerminateAsync(Pod pod, IRuntimeService runtime, CancellationToken cancellationToken)
    {
        var observed = await ObserveAsync(runtime, pod.Metadata.Uid!, cancellationToken).ConfigureAwait(false);
        var grace = pod.Metadata.DeletionGracePeriodSeconds ?? pod.Spec?.TerminationGracePeriodSeconds ?? 30;
        var started = _time.GetTimestamp();
        await StopAllAsync(runtime, observed, pod, grace, cancellationToken).ConfigureAwait(false);
        try
        {
            Directory.Delete(PodPaths.PodDirectory(_options.RootDirectory, pod), recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }

        _backOff.ResetPrefix(pod.Metadata.Uid + "/");
        _vmStatusWritten.TryRemove(pod.Metadata.Uid!, out _);
        await RemoveCgroupAsync(pod.Metadata.Uid!, cancellationToken).ConfigureAwait(false);
        await ConfirmDeletionAsync(pod, cancellationToken).ConfigureAwait(false);
        Log.PodTerminated(_logger, pod.Metadata.Namespace!, pod.Metadata.Name!, _time.GetElapsedTime(started).TotalMilliseconds);
    }

    /// <summary>The zero-grace delete that lets the API server remove a pod that has nothing running.</summary>
    internal async Task ConfirmDeletionAsync(Pod pod, CancellationToken cancellationToken)
    {
        try
        {
            await _client.DeleteAsync(ResourceRef.Pods, pod.Metadata.Tenant, pod.Metadata.Namespace, pod.Metadata.Name!,
                new DeleteOptions { GracePeriodSeconds = 0, Preconditions = new Preconditions { Uid = pod.Metadata.Uid } }, cancellationToken).ConfigureAwait(false);
        }
        catch (ApiStatusException e) when (e.IsNotFound || e.IsConflict)
        {
        }
    }
}
