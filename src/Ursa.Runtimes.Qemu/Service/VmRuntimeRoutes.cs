using Ursa.Cri.V1;
using Ursa.Cri.Vm;
using Ursa.Grpc.Server;

namespace Ursa.Runtimes.Qemu.Service;

/// <summary>
/// Serves a <see cref="VmRuntime"/> over gRPC: <c>runtime.v1.RuntimeService</c>, <c>runtime.v1.ImageService</c> and
/// <c>ursa.vm.v1.VirtualMachineService</c>, each method one path of the router. Methods not mapped here (stats, port
/// forwarding, ...) are answered Unimplemented by the router.
/// </summary>
public static class VmRuntimeRoutes
{
    private const string Runtime = "runtime.v1.RuntimeService";
    private const string Images = "runtime.v1.ImageService";
    private const string Vms = "ursa.vm.v1.VirtualMachineService";

    /// <summary>Adds every method <paramref name="runtime"/> serves to <paramref name="router"/>.</summary>
    public static GrpcServiceRouter Map(GrpcServiceRouter router, VmRuntime runtime)
    {
        ArgumentNullException.ThrowIfNull(router);
        ArgumentNullException.ThrowIfNull(runtime);
        router
            .Unary<VersionRequest, VersionResponse>(Runtime, "Version", VersionRequest.Parser, runtime.VersionAsync)
            .Unary<StatusRequest, StatusResponse>(Runtime, "Status", StatusRequest.Parser, runtime.StatusAsync)
            .Unary<UpdateRuntimeConfigRequest, UpdateRuntimeConfigResponse>(Runtime, "UpdateRuntimeConfig", UpdateRuntimeConfigRequest.Parser, runtime.UpdateRuntimeConfigAsync)
            .Unary<RunPodSandboxRequest, RunPodSandboxResponse>(Runtime, "RunPodSandbox", RunPodSandboxRequest.Parser, runtime.RunPodSandboxAsync)
            .Unary<StopPodSandboxRequest, StopPodSandboxResponse>(Runtime, "StopPodSandbox", StopPodSandboxRequest.Parser, runtime.StopPodSandboxAsync)
            .Unary<RemovePodSandboxRequest, RemovePodSandboxResponse>(Runtime, "RemovePodSandbox", RemovePodSandboxRequest.Parser, runtime.RemovePodSandboxAsync)
            .Unary<PodSandboxStatusRequest, PodSandboxStatusResponse>(Runtime, "PodSandboxStatus", PodSandboxStatusRequest.Parser, runtime.PodSandboxStatusAsync)
            .Unary<ListPodSandboxRequest, ListPodSandboxResponse>(Runtime, "ListPodSandbox", ListPodSandboxRequest.Parser, runtime.ListPodSandboxAsync)
            .Unary<CreateContainerRequest, CreateContainerResponse>(Runtime, "CreateContainer", CreateContainerRequest.Parser, runtime.CreateContainerAsync)
            .Unary<StartContainerRequest, StartContainerResponse>(Runtime, "StartContainer", StartContainerRequest.Parser, runtime.StartContainerAsync)
            .Unary<StopContainerRequest, StopContainerResponse>(Runtime, "StopContainer", StopContainerRequest.Parser, runtime.StopContainerAsync)
            .Unary<RemoveContainerRequest, RemoveContainerResponse>(Runtime, "RemoveContainer", RemoveContainerRequest.Parser, runtime.RemoveContainerAsync)
            .Unary<ListContainersRequest, ListContainersResponse>(Runtime, "ListContainers", ListContainersRequest.Parser, runtime.ListContainersAsync)
            .Unary<ContainerStatusRequest, ContainerStatusResponse>(Runtime, "ContainerStatus", ContainerStatusRequest.Parser, runtime.ContainerStatusAsync)
            .Unary<ExecSyncRequest, ExecSyncResponse>(Runtime, "ExecSync", ExecSyncRequest.Parser, runtime.ExecSyncAsync)
            .Unary<ExecRequest, ExecResponse>(Runtime, "Exec", ExecRequest.Parser, runtime.ExecAsync)
            .Unary<AttachRequest, AttachResponse>(Runtime, "Attach", AttachRequest.Parser, runtime.AttachAsync)
            .Unary<PullImageRequest, PullImageResponse>(Images, "PullImage", PullImageRequest.Parser, runtime.PullImageAsync)
            .Unary<ImageStatusRequest, ImageStatusResponse>(Images, "ImageStatus", ImageStatusRequest.Parser, runtime.ImageStatusAsync)
            .Unary<ListImagesRequest, ListImagesResponse>(Images, "ListImages", ListImagesRequest.Parser, runtime.ListImagesAsync)
            .Unary<RemoveImageRequest, RemoveImageResponse>(Images, "RemoveImage", RemoveImageRequest.Parser, runtime.RemoveImageAsync)
            .Unary<ImageFsInfoRequest, ImageFsInfoResponse>(Images, "ImageFsInfo", ImageFsInfoRequest.Parser, runtime.ImageFsInfoAsync)
            .Unary<CreateVirtualMachineRequest, CreateVirtualMachineResponse>(Vms, "CreateVirtualMachine", CreateVirtualMachineRequest.Parser, runtime.CreateVirtualMachineAsync)
            .Unary<VirtualMachineStatusRequest, VirtualMachineStatusResponse>(Vms, "VirtualMachineStatus", VirtualMachineStatusRequest.Parser, runtime.VirtualMachineStatusAsync)
            .Unary<PauseRequest, PauseResponse>(Vms, "Pause", PauseRequest.Parser, runtime.PauseAsync)
            .Unary<ResumeRequest, ResumeResponse>(Vms, "Resume", ResumeRequest.Parser, runtime.ResumeAsync)
            .Unary<RebootRequest, RebootResponse>(Vms, "Reboot", RebootRequest.Parser, runtime.RebootAsync)
            .Unary<CreateSnapshotRequest, CreateSnapshotResponse>(Vms, "CreateSnapshot", CreateSnapshotRequest.Parser, runtime.CreateSnapshotAsync)
            .Unary<RestoreSnapshotRequest, RestoreSnapshotResponse>(Vms, "RestoreSnapshot", RestoreSnapshotRequest.Parser, runtime.RestoreSnapshotAsync)
            .Unary<DeleteSnapshotRequest, DeleteSnapshotResponse>(Vms, "DeleteSnapshot", DeleteSnapshotRequest.Parser, runtime.DeleteSnapshotAsync)
            .Unary<ListSnapshotsRequest, ListSnapshotsResponse>(Vms, "ListSnapshots", ListSnapshotsRequest.Parser, runtime.ListSnapshotsAsync)
            .Unary<AttachNicRequest, AttachNicResponse>(Vms, "AttachNic", AttachNicRequest.Parser, runtime.AttachNicAsync)
            .Unary<DetachNicRequest, DetachNicResponse>(Vms, "DetachNic", DetachNicRequest.Parser, runtime.DetachNicAsync)
            .Unary<AttachDiskRequest, AttachDiskResponse>(Vms, "AttachDisk", AttachDiskRequest.Parser, runtime.AttachDiskAsync)
            .Unary<DetachDiskRequest, DetachDiskResponse>(Vms, "DetachDisk", DetachDiskRequest.Parser, runtime.DetachDiskAsync)
            .Unary<ResizeRequest, ResizeResponse>(Vms, "Resize", ResizeRequest.Parser, runtime.ResizeAsync)
            .Duplex<ConsoleRequest, ConsoleResponse>(Vms, "Console", ConsoleRequest.Parser, runtime.ServeConsoleAsync)
            // A server-streaming RPC: on the wire it is a duplex call whose client sends one request.
            .Duplex<PullDiskImageRequest, PullDiskImageProgress>(Vms, "PullDiskImage", PullDiskImageRequest.Parser, (requests, write, ct) => PullDiskImageAsync(runtime, requests, write, ct));
        return router;
    }

    private static async Task PullDiskImageAsync(VmRuntime runtime, IAsyncEnumerable<PullDiskImageRequest> requests, Func<PullDiskImageProgress, CancellationToken, Task> write, CancellationToken cancellationToken)
    {
        PullDiskImageRequest? request = null;
        await foreach (var r in requests.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            request = r;
            break;
        }

        await foreach (var progress in runtime.PullDiskImageAsync(request ?? new PullDiskImageRequest(), cancellationToken).ConfigureAwait(false))
        {
            await write(progress, cancellationToken).ConfigureAwait(false);
        }
    }
}
