using Ursa.Cri;
using Ursa.Cri.V1;
using Ursa.Grpc;
using Container = Ursa.Api.Core.Container;
using ContainerState = Ursa.Cri.V1.ContainerState;

namespace Ursa.NodeAgent.Pods;

public sealed partial class PodSyncer
{
    /// <summary>One container: keep it, replace it, restart it (restart policy, back-off), or start it.
    /// Returns whether the runtime was changed and when to look again.</summary>
    private async Task<(bool Acted, TimeSpan? RequeueAfter)> SyncContainerAsync(Pod pod, Container container, IRuntimeService runtime, IImageService images,
        ObservedPod observed, PodSandboxConfig sandboxConfig, Dictionary<string, ContainerWaiting> waiting, CancellationToken cancellationToken)
    {
        var name = container.Name ?? string.Empty;
        var latest = observed.Latest(name);
        var inSandbox = latest is not null && latest.SandboxId == observed.Sandbox!.Id;
        if (latest is { State: ContainerState.ContainerRunning } && inSandbox)
        {
            if (latest.Status.Annotations.TryGetValue(CriLabels.SpecHash, out var hash) && hash != ContainerConfigFactory.SpecHash(container))
            {
                Record(pod, "Normal", "Killing", $"Container {name} definition changed, will be restarted");
                var grace = pod.Spec?.TerminationGracePeriodSeconds ?? 30;
                await IgnoreNotFound(runtime.StopContainerAsync(new StopContainerRequest { ContainerId = latest.Id, Timeout = grace }, cancellationToken), r => r).ConfigureAwait(false);
                return (true, TimeSpan.Zero);
            }

            return (false, null);
        }

        if (latest is { State: ContainerState.ContainerCreated } && inSandbox)
        {
            await StartAsync(pod, name, latest.Id, BackOffKey(pod, container), runtime, cancellationToken).ConfigureAwait(false);
            return (true, null);
        }

        uint attempt = 0;
        var key = BackOffKey(pod, container);
        if (latest is not null)
        {
            var policy = pod.Spec?.RestartPolicy ?? "Always";
            var exitedHere = latest.State == ContainerState.ContainerExited;
            if (exitedHere && (policy == "Never" || (policy == "OnFailure" && latest.Status.ExitCode == 0)))
            {
                return (false, null);
            }

            var finished = latest.Status.FinishedAt > 0 ? DateTimeOffset.FromUnixTimeMilliseconds(latest.Status.FinishedAt / 1_000_000) : _time.GetUtcNow();
            if (_backOff.IsInBackOff(key, finished, out var remaining))
            {
                var delay = _backOff.Delay(key);
                waiting[name] = new ContainerWaiting("CrashLoopBackOff", $"back-off {Seconds(delay)} restarting failed container={name} pod={pod.Metadata.Name}_{pod.Metadata.Namespace}({pod.Metadata.Uid})");
                if (_backOffReported.TryAdd($"{key}/{latest.Id}", 0))
                {
                    Record(pod, "Warning", "BackOff", $"Back-off restarting failed container {name} in pod {pod.Metadata.Name}_{pod.Metadata.Namespace}({pod.Metadata.Uid})");
                }

                return (false, remaining);
            }

            attempt = latest.Attempt + 1;
        }

        var (started, after) = await StartNewAsync(pod, container, attempt, runtime, images, observed, sandboxConfig, waiting, cancellationToken).ConfigureAwait(false);
        if (started && attempt > 0)
        {
            // The restart is done; the next exit waits at least the (doubled) back-off.
            _backOff.Next(key);
        }

        return (started, after);
    }

    /// <summary>Pull (per imagePullPolicy), create and start one container attempt.</summary>
    private async Task<(bool Started, TimeSpan? RequeueAfter)> StartNewAsync(Pod pod, Container container, uint attempt, IRuntimeService runtime, IImageService images,
        ObservedPod observed, PodSandboxConfig sandboxConfig, Dictionary<string, ContainerWaiting> waiting, CancellationToken cancellationToken)
    {
        var name = container.Name ?? string.Empty;
        var (imageRef, pullDelay) = await EnsureImageAsync(pod, container, images, sandboxConfig, waiting, cancellationToken).ConfigureAwait(false);
        if (imageRef is null)
        {
            return (false, pullDelay);
        }

        ContainerConfig config;
        try
        {
            config = ContainerConfigFactory.Create(pod, container, new ContainerConfigFactory.Context(attempt, imageRef, _options.RootDirectory, observed.PodIp, _options.NodeAddress, _machine.MemoryBytes));
        }
        catch (ContainerConfigException e)
        {
            waiting[name] = new ContainerWaiting("CreateContainerConfigError", e.Message);
            Record(pod, "Warning", "Failed", $"Error: {e.Message}");
            return (false, _options.MaxBackOff);
        }

        Directory.CreateDirectory(Path.Combine(PodPaths.LogDirectory(_options.RootDirectory, pod), name));
        string id;
        try
        {
            id = (await runtime.CreateContainerAsync(new CreateContainerRequest { PodSandboxId = observed.Sandbox!.Id, Config = config, SandboxConfig = sandboxConfig }, cancellationToken).ConfigureAwait(false)).ContainerId;
        }
        catch (GrpcException e)
        {
            var key = BackOffKey(pod, container) + "/create";
            _backOff.Next(key);
            waiting[name] = new ContainerWaiting("CreateContainerError", e.Detail);
            Record(pod, "Warning", "Failed", $"Error: {e.Detail}");
            return (false, _backOff.Delay(key));
        }

        Record(pod, "Normal", "Created", $"Created container {name}");
        await StartAsync(pod, name, id, BackOffKey(pod, container), runtime, cancellationToken).ConfigureAwait(false);
        return (true, null);
    }

    private async Task StartAsync(Pod pod, string name, string id, string backOffKey, IRuntimeService runtime, CancellationToken cancellationToken)
    {
        try
        {
            await runtime.StartContainerAsync(new StartContainerRequest { ContainerId = id }, cancellationToken).ConfigureAwait(false);
            Record(pod, "Normal", "Started", $"Started container {name}");
        }
        catch (GrpcException e)
        {
            // The runtime leaves the container exited with reason StartError: the restart policy and back-off apply.
            Record(pod, "Warning", "Failed", $"Error: {e.Detail}");
            if (_backOff.Delay(backOffKey) == TimeSpan.Zero)
            {
                _backOff.Next(backOffKey);
            }
        }
    }

    /// <summary>Returns the image to run, or null with the waiting reason set and when to try again.</summary>
    private Task<(string? ImageRef, TimeSpan? RequeueAfter)> EnsureImageAsync(Pod pod, Container container, IImageService images, PodSandboxConfig sandboxConfig,
        Dictionary<string, ContainerWaiting> waiting, CancellationToken cancellationToken)
    {
        var image = container.Image ?? string.Empty;
        return EnsureImageAsync(pod, container, images, "Container image", DefaultPullPolicy(image), async ct =>
        {
            var started = _time.GetTimestamp();
            var pulled = await images.PullImageAsync(new PullImageRequest { Image = new ImageSpec { Image = image }, SandboxConfig = sandboxConfig }, ct).ConfigureAwait(false);
            var took = _time.GetElapsedTime(started);
            var size = await images.ImageStatusAsync(new ImageStatusRequest { Image = new ImageSpec { Image = pulled.ImageRef } }, ct).ConfigureAwait(false);
            return (pulled.ImageRef, $"Successfully pulled image \"{image}\" in {Seconds(took)}. Image size: {size.Image?.Size ?? 0} bytes.");
        }, waiting, cancellationToken);
    }

    /// <summary>
    /// imagePullPolicy and pull back-off around <paramref name="pull"/>, for container images and VM disk images
    /// alike: an image already present is used (Never stops there), a pull that failed lately waits out its
    /// back-off (ImagePullBackOff), a failed pull is ErrImagePull. <paramref name="pull"/> returns the image ref and
    /// the text of the Pulled event. Returns the image ref, or null with the waiting reason set and when to try again.
    /// </summary>
    /// <param name="noun">How events name the image: "Container image" or "Disk image".</param>
    private async Task<(string? ImageRef, TimeSpan? RequeueAfter)> EnsureImageAsync(Pod pod, Container container, IImageService images, string noun, string defaultPolicy,
        Func<CancellationToken, Task<(string ImageRef, string PulledMessage)>> pull, Dictionary<string, ContainerWaiting> waiting, CancellationToken cancellationToken)
    {
        var name = container.Name ?? string.Empty;
        var image = container.Image ?? string.Empty;
        var policy = container.ImagePullPolicy ?? defaultPolicy;
        if (policy != "Always")
        {
            var present = await images.ImageStatusAsync(new ImageStatusRequest { Image = new ImageSpec { Image = image } }, cancellationToken).ConfigureAwait(false);
            if (present.Image is { Id.Length: > 0 } local)
            {
                Record(pod, "Normal", "Pulled", $"{noun} \"{image}\" already present on machine");
                return (local.Id, null);
            }

            if (policy == "Never")
            {
                var message = $"{noun} \"{image}\" is not present with pull policy of Never";
                waiting[name] = new ContainerWaiting("ErrImageNeverPull", message);
                Record(pod, "Warning", "ErrImageNeverPull", message);
                return (null, _options.MaxBackOff);
            }
        }

        var key = PullKey(pod, container);
        if (_lastPullFailure.TryGetValue(key, out var failedAt) && _backOff.IsInBackOff(key, failedAt, out var remaining))
        {
            waiting[name] = new ContainerWaiting("ImagePullBackOff", $"Back-off pulling image \"{image}\"");
            if (_backOffReported.TryAdd($"{key}/{failedAt.UtcTicks}", 0))
            {
                Record(pod, "Normal", "BackOff", $"Back-off pulling image \"{image}\"");
            }

            return (null, remaining);
        }

        Record(pod, "Normal", "Pulling", $"Pulling image \"{image}\"");
        try
        {
            var (imageRef, pulled) = await pull(cancellationToken).ConfigureAwait(false);
            Record(pod, "Normal", "Pulled", pulled);
            _backOff.Reset(key);
            _lastPullFailure.TryRemove(key, out _);
            return (imageRef, null);
        }
        catch (GrpcException e)
        {
            _backOff.Next(key);
            _lastPullFailure[key] = _time.GetUtcNow();
            waiting[name] = new ContainerWaiting("ErrImagePull", e.Detail);
            Record(pod, "Warning", "Failed", $"Failed to pull image \"{image}\": {e.Detail}");
            Record(pod, "Warning", "Failed", "Error: ErrImagePull");
            return (null, _backOff.Delay(key));
        }
    }

    /// <summary>Kubernetes' default: Always for <c>:latest</c> or an untagged image, else IfNotPresent.</summary>
    public static string DefaultPullPolicy(string image)
    {
        if (image.Contains('@', StringComparison.Ordinal)) return "IfNotPresent";
        var lastSlash = image.LastIndexOf('/');
        var colon = image.LastIndexOf(':');
        var tag = colon > lastSlash ? image[(colon + 1)..] : "latest";
        return tag == "latest" ? "Always" : "IfNotPresent";
    }
}
