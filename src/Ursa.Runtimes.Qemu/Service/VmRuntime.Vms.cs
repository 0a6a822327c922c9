using Ursa.Cri.Vm;
using Ursa.Grpc;
using Ursa.Runtimes.Qemu.Vms;

namespace Ursa.Runtimes.Qemu.Service;

// ursa.vm.v1.VirtualMachineService: what only a VM has (create with its config, power, reboot, snapshots, hot-plug,
// resize, console), mapped onto VmManager.
public sealed partial class VmRuntime
{
    /// <inheritdoc/>
    public Task<CreateVirtualMachineResponse> CreateVirtualMachineAsync(CreateVirtualMachineRequest request, CancellationToken cancellationToken) => Guard(async () =>
        new CreateVirtualMachineResponse { ContainerId = (await manager.CreateVmAsync(request, cancellationToken).ConfigureAwait(false)).Id }, cancellationToken);

    /// <inheritdoc/>
    public Task<VirtualMachineStatusResponse> VirtualMachineStatusAsync(VirtualMachineStatusRequest request, CancellationToken cancellationToken) => Guard(() =>
        Task.FromResult(manager.Vm(request.ContainerId).ToVirtualMachineStatus()), cancellationToken);

    /// <inheritdoc/>
    public Task<PauseResponse> PauseAsync(PauseRequest request, CancellationToken cancellationToken) => Guard(async () =>
    {
        await manager.Vm(request.ContainerId).PauseAsync(cancellationToken).ConfigureAwait(false);
        return new PauseResponse();
    }, cancellationToken);

    /// <inheritdoc/>
    public Task<ResumeResponse> ResumeAsync(ResumeRequest request, CancellationToken cancellationToken) => Guard(async () =>
    {
        await manager.Vm(request.ContainerId).ResumeAsync(cancellationToken).ConfigureAwait(false);
        return new ResumeResponse();
    }, cancellationToken);

    /// <inheritdoc/>
    public Task<RebootResponse> RebootAsync(RebootRequest request, CancellationToken cancellationToken) => Guard(async () =>
    {
        await manager.Vm(request.ContainerId).RebootAsync(cancellationToken).ConfigureAwait(false);
        return new RebootResponse();
    }, cancellationToken);

    /// <inheritdoc/>
    public Task<CreateSnapshotResponse> CreateSnapshotAsync(CreateSnapshotRequest request, CancellationToken cancellationToken) => Guard(async () =>
        new CreateSnapshotResponse { Snapshot = ToSnapshot(await manager.Vm(request.ContainerId).CreateSnapshotAsync(request.Name, manager.Runner, cancellationToken).ConfigureAwait(false)) }, cancellationToken);

    /// <inheritdoc/>
    public Task<RestoreSnapshotResponse> RestoreSnapshotAsync(RestoreSnapshotRequest request, CancellationToken cancellationToken) => Guard(async () =>
    {
        await manager.Vm(request.ContainerId).RestoreSnapshotAsync(request.SnapshotId, manager.Runner, cancellationToken).ConfigureAwait(false);
        return new RestoreSnapshotResponse();
    }, cancellationToken);

    /// <inheritdoc/>
    public Task<DeleteSnapshotResponse> DeleteSnapshotAsync(DeleteSnapshotRequest request, CancellationToken cancellationToken) => Guard(async () =>
    {
        await manager.Vm(request.ContainerId).DeleteSnapshotAsync(request.SnapshotId, manager.Runner, cancellationToken).ConfigureAwait(false);
        return new DeleteSnapshotResponse();
    }, cancellationToken);

    /// <inheritdoc/>
    public Task<ListSnapshotsResponse> ListSnapshotsAsync(ListSnapshotsRequest request, CancellationToken cancellationToken) => Guard(() =>
        Task.FromResult(new ListSnapshotsResponse { Snapshots = { manager.Vm(request.ContainerId).Record.Snapshots.Select(ToSnapshot) } }), cancellationToken);

    /// <inheritdoc/>
    public Task<AttachNicResponse> AttachNicAsync(AttachNicRequest request, CancellationToken cancellationToken) => Guard(async () =>
    {
        await manager.Vm(request.ContainerId).AttachNicAsync(request.Nic ?? throw Missing("nic"), cancellationToken).ConfigureAwait(false);
        return new AttachNicResponse();
    }, cancellationToken);

    /// <inheritdoc/>
    public Task<DetachNicResponse> DetachNicAsync(DetachNicRequest request, CancellationToken cancellationToken) => Guard(async () =>
    {
        await manager.Vm(request.ContainerId).DetachNicAsync(request.Name, cancellationToken).ConfigureAwait(false);
        return new DetachNicResponse();
    }, cancellationToken);

    /// <inheritdoc/>
    public Task<AttachDiskResponse> AttachDiskAsync(AttachDiskRequest request, CancellationToken cancellationToken) => Guard(async () =>
    {
        await manager.Vm(request.ContainerId).AttachDiskAsync(request.Disk ?? throw Missing("disk"), cancellationToken).ConfigureAwait(false);
        return new AttachDiskResponse();
    }, cancellationToken);

    /// <inheritdoc/>
    public Task<DetachDiskResponse> DetachDiskAsync(DetachDiskRequest request, CancellationToken cancellationToken) => Guard(async () =>
    {
        await manager.Vm(request.ContainerId).DetachDiskAsync(request.Name, cancellationToken).ConfigureAwait(false);
        return new DetachDiskResponse();
    }, cancellationToken);

    /// <inheritdoc/>
    public Task<ResizeResponse> ResizeAsync(ResizeRequest request, CancellationToken cancellationToken) => Guard(() =>
        manager.Vm(request.ContainerId).ResizeAsync(request.Vcpus, request.MemoryBytes, cancellationToken), cancellationToken);

    private static GrpcException Missing(string field) => new(GrpcStatusCode.InvalidArgument, field + ": required");

    private static Snapshot ToSnapshot(VmSnapshotRecord s) => new() { Id = s.Id, Name = s.Name, CreatedAt = s.CreatedAt.ToUnixTimeMilliseconds() * 1_000_000 };
}
