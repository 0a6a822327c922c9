using Ursa.Cri.Vm;

namespace Ursa.Cri;

/// <summary>
/// Ursa's VM extension of the CRI (<c>ursa.vm.v1.VirtualMachineService</c>, served by <c>ursa vm-runtime</c>): what only a
/// VM has. A VM is the one container of its pod: the RuntimeService starts, stops, lists and removes it.
/// </summary>
/// <remarks>Errors and cancellation as in <see cref="IRuntimeService"/>.</remarks>
public interface IVirtualMachineService
{
    /// <summary>Creates the VM of a pod in its sandbox; start it with StartContainer.</summary>
    Task<CreateVirtualMachineResponse> CreateVirtualMachineAsync(CreateVirtualMachineRequest request, CancellationToken cancellationToken);

    /// <summary>The VM's power state, boot, sizes and devices.</summary>
    Task<VirtualMachineStatusResponse> VirtualMachineStatusAsync(VirtualMachineStatusRequest request, CancellationToken cancellationToken);

    /// <summary>Stops the guest's vCPUs.</summary>
    Task<PauseResponse> PauseAsync(PauseRequest request, CancellationToken cancellationToken);

    /// <summary>Resumes the guest's vCPUs.</summary>
    Task<ResumeResponse> ResumeAsync(ResumeRequest request, CancellationToken cancellationToken);

    /// <summary>Resets the guest; it boots again from its disk.</summary>
    Task<RebootResponse> RebootAsync(RebootRequest request, CancellationToken cancellationToken);

    /// <summary>Takes a snapshot (memory and disk when running).</summary>
    Task<CreateSnapshotResponse> CreateSnapshotAsync(CreateSnapshotRequest request, CancellationToken cancellationToken);

    /// <summary>Brings the VM back to a snapshot; NotFound for an unknown one.</summary>
    Task<RestoreSnapshotResponse> RestoreSnapshotAsync(RestoreSnapshotRequest request, CancellationToken cancellationToken);

    /// <summary>Deletes a snapshot.</summary>
    Task<DeleteSnapshotResponse> DeleteSnapshotAsync(DeleteSnapshotRequest request, CancellationToken cancellationToken);

    /// <summary>The VM's snapshots.</summary>
    Task<ListSnapshotsResponse> ListSnapshotsAsync(ListSnapshotsRequest request, CancellationToken cancellationToken);

    /// <summary>Hot-plugs a NIC on the pod network.</summary>
    Task<AttachNicResponse> AttachNicAsync(AttachNicRequest request, CancellationToken cancellationToken);

    /// <summary>Hot-unplugs a NIC.</summary>
    Task<DetachNicResponse> DetachNicAsync(DetachNicRequest request, CancellationToken cancellationToken);

    /// <summary>Hot-plugs a disk.</summary>
    Task<AttachDiskResponse> AttachDiskAsync(AttachDiskRequest request, CancellationToken cancellationToken);

    /// <summary>Hot-unplugs a disk.</summary>
    Task<DetachDiskResponse> DetachDiskAsync(DetachDiskRequest request, CancellationToken cancellationToken);

    /// <summary>Grows CPU or memory live where it can; the rest waits for the next start (reported as pending).</summary>
    Task<ResizeResponse> ResizeAsync(ResizeRequest request, CancellationToken cancellationToken);

    /// <summary>Opens the VM's serial console: write a first request naming the VM, then input; read output.</summary>
    Ursa.Grpc.IGrpcDuplexCall<ConsoleRequest, ConsoleResponse> Console(CancellationToken cancellationToken);

    /// <summary>
    /// Pulls a disk image (policy Always), streaming its progress; the last message has phase
    /// <see cref="PullPhase.Complete"/> and the image ref. A runtime that predates the RPC fails the call (at the first read)
    /// with <see cref="Ursa.Grpc.GrpcStatusCode.Unimplemented"/>: use ImageService's PullImage then.
    /// </summary>
    /// <remarks>The default implementation is such a runtime, so implementations written before the RPC (fakes
    /// in tests, other runtimes) keep compiling and callers take their fallback (it throws at the call itself).</remarks>
    IAsyncEnumerable<PullDiskImageProgress> PullDiskImageAsync(PullDiskImageRequest request, CancellationToken cancellationToken) =>
        throw new Ursa.Grpc.GrpcException(Ursa.Grpc.GrpcStatusCode.Unimplemented, "PullDiskImage is not served by this runtime");
}
