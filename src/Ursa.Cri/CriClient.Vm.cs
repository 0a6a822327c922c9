using Ursa.Cri.Internal;
using Ursa.Cri.Vm;
using Ursa.Grpc;

namespace Ursa.Cri;

public sealed partial class CriClient
{
    /// <inheritdoc />
    public Task<CreateVirtualMachineResponse> CreateVirtualMachineAsync(CreateVirtualMachineRequest request, CancellationToken cancellationToken) =>
        _channel.UnaryAsync(VmMethods.CreateVirtualMachine, request, cancellationToken);

    /// <inheritdoc />
    public Task<VirtualMachineStatusResponse> VirtualMachineStatusAsync(VirtualMachineStatusRequest request, CancellationToken cancellationToken) =>
        _channel.UnaryAsync(VmMethods.VirtualMachineStatus, request, cancellationToken);

    /// <inheritdoc />
    public Task<PauseResponse> PauseAsync(PauseRequest request, CancellationToken cancellationToken) =>
        _channel.UnaryAsync(VmMethods.Pause, request, cancellationToken);

    /// <inheritdoc />
    public Task<ResumeResponse> ResumeAsync(ResumeRequest request, CancellationToken cancellationToken) =>
        _channel.UnaryAsync(VmMethods.Resume, request, cancellationToken);

    /// <inheritdoc />
    public Task<RebootResponse> RebootAsync(RebootRequest request, CancellationToken cancellationToken) =>
        _channel.UnaryAsync(VmMethods.Reboot, request, cancellationToken);

    /// <inheritdoc />
    public Task<CreateSnapshotResponse> CreateSnapshotAsync(CreateSnapshotRequest request, CancellationToken cancellationToken) =>
        _channel.UnaryAsync(VmMethods.CreateSnapshot, request, cancellationToken);

    /// <inheritdoc />
    public Task<RestoreSnapshotResponse> RestoreSnapshotAsync(RestoreSnapshotRequest request, CancellationToken cancellationToken) =>
        _channel.UnaryAsync(VmMethods.RestoreSnapshot, request, cancellationToken);

    /// <inheritdoc />
    public Task<DeleteSnapshotResponse> DeleteSnapshotAsync(DeleteSnapshotRequest request, CancellationToken cancellationToken) =>
        _channel.UnaryAsync(VmMethods.DeleteSnapshot, request, cancellationToken);

    /// <inheritdoc />
    public Task<ListSnapshotsResponse> ListSnapshotsAsync(ListSnapshotsRequest request, CancellationToken cancellationToken) =>
        _channel.UnaryAsync(VmMethods.ListSnapshots, request, cancellationToken);

    /// <inheritdoc />
    public Task<AttachNicResponse> AttachNicAsync(AttachNicRequest request, CancellationToken cancellationToken) =>
        _channel.UnaryAsync(VmMethods.AttachNic, request, cancellationToken);

    /// <inheritdoc />
    public Task<DetachNicResponse> DetachNicAsync(DetachNicRequest request, CancellationToken cancellationToken) =>
        _channel.UnaryAsync(VmMethods.DetachNic, request, cancellationToken);

    /// <inheritdoc />
    public Task<AttachDiskResponse> AttachDiskAsync(AttachDiskRequest request, CancellationToken cancellationToken) =>
        _channel.UnaryAsync(VmMethods.AttachDisk, request, cancellationToken);

    /// <inheritdoc />
    public Task<DetachDiskResponse> DetachDiskAsync(DetachDiskRequest request, CancellationToken cancellationToken) =>
        _channel.UnaryAsync(VmMethods.DetachDisk, request, cancellationToken);

    /// <inheritdoc />
    public Task<ResizeResponse> ResizeAsync(ResizeRequest request, CancellationToken cancellationToken) =>
        _channel.UnaryAsync(VmMethods.Resize, request, cancellationToken);

    /// <inheritdoc />
    public IGrpcDuplexCall<ConsoleRequest, ConsoleResponse> Console(CancellationToken cancellationToken) =>
        _channel.StartDuplex(VmMethods.Console, cancellationToken);

    /// <inheritdoc />
    public IAsyncEnumerable<PullDiskImageProgress> PullDiskImageAsync(PullDiskImageRequest request, CancellationToken cancellationToken) =>
        _channel.ServerStreamingAsync(VmMethods.PullDiskImage, request, cancellationToken);
}
