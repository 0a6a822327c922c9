using Microsoft.Extensions.Logging;
using Ursa.Cri;
using Ursa.Cri.V1;
using Ursa.Cri.Vm;
using Ursa.Grpc;
using Ursa.NodeAgent.VirtualMachines;
using Container = Ursa.Api.Core.Container;

namespace Ursa.NodeAgent.Pods;

public sealed partial class PodSyncer
{
    /// <summary>
    /// The disk image of a VM pod (<paramref name="vm"/> is the VM as the pod's one container): imagePullPolicy and
    /// pull back-off as for a container image, but pulled with the VM runtime's streaming PullDiskImage, so a pull
    /// of a multi-GiB disk shows its progress as <c>Pulling</c> events (throttled by <see cref="DiskImagePullEvents"/>).
    /// A runtime without that RPC gets the unary ImageService PullImage. Returns the image ref, or null with the
    /// waiting reason set and when to try again.
    /// </summary>
    private Task<(string? ImageRef, TimeSpan? RequeueAfter)> EnsureVmImageAsync(Pod pod, Container vm, IImageService images, IVirtualMachineService vms,
        PodSandboxConfig sandboxConfig, Dictionary<string, ContainerWaiting> waiting, CancellationToken cancellationToken)
    {
        var image = vm.Image ?? string.Empty;
        return EnsureImageAsync(pod, vm, images, "Disk image", "IfNotPresent", async ct =>
        {
            // Wall-clock time, as the progress throttle uses: a pull takes seconds to hours, and the event says how long.
            var started = _time.GetUtcNow();
            var (imageRef, size) = await PullDiskImageAsync(pod, image, images, vms, sandboxConfig, started, ct).ConfigureAwait(false);
            return (imageRef, DiskImagePullEvents.Pulled(image, _time.GetUtcNow() - started, size));
        }, waiting, cancellationToken);
    }

    /// <summary>Pulls with progress events; the unary pull when the runtime predates PullDiskImage. Returns the
    /// image ref and its size.</summary>
    private async Task<(string ImageRef, long SizeBytes)> PullDiskImageAsync(Pod pod, string image, IImageService images, IVirtualMachineService vms,
        PodSandboxConfig sandboxConfig, DateTimeOffset started, CancellationToken cancellationToken)
    {
        var progress = new DiskImagePullEvents(image, started);
        var answered = false;
        try
        {
            await foreach (var report in vms.PullDiskImageAsync(new PullDiskImageRequest { Image = new ImageSpec { Image = image } }, cancellationToken).ConfigureAwait(false))
            {
                answered = true;
                if (report.Phase == PullPhase.Complete)
                {
                    return (report.ImageRef, report.SizeBytes);
                }

                if (report.Phase == PullPhase.Downloading && progress.OnProgress(report.BytesDone, report.BytesTotal, _time.GetUtcNow()) is { } message)
                {
                    Record(pod, "Normal", "Pulling", message);
                }
            }

            throw new GrpcException(GrpcStatusCode.Internal, "the runtime ended the pull without naming the image");
        }
        catch (GrpcException e) when (e.StatusCode == GrpcStatusCode.Unimplemented && !answered)
        {
            Log.NoPullProgress(_logger, pod.Metadata.Namespace!, pod.Metadata.Name!, image);
        }

        var pulled = await images.PullImageAsync(new PullImageRequest { Image = new ImageSpec { Image = image }, SandboxConfig = sandboxConfig }, cancellationToken).ConfigureAwait(false);
        var status = await images.ImageStatusAsync(new ImageStatusRequest { Image = new ImageSpec { Image = pulled.ImageRef } }, cancellationToken).ConfigureAwait(false);
        return (pulled.ImageRef, (long)(status.Image?.Size ?? 0));
    }

    private static partial class Log
    {
        [LoggerMessage(432, LogLevel.Debug, "Pod {Namespace}/{Name}: the VM runtime serves no PullDiskImage; pulling {Image} without progress")]
        public static partial void NoPullProgress(ILogger logger, string @namespace, string name, string image);
    }
}
