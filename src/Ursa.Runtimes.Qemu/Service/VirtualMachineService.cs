using Ursa.Cri.Vm;
using Ursa.Grpc;
using Ursa.Grpc.Server;
using Ursa.Runtimes.Qemu.Vms;

namespace Ursa.Runtimes.Qemu.Service;

/// <summary>
/// <c>ursa.vm.v1.VirtualMachineService</c>: what only a VM has (create with its config, power, reboot, snapshots,
/// hot-plug, resize, console), mapped onto <see cref="VmManager"/>.
/// </summary>
public sealed partial class VirtualMachineService(VmManager manager)
{
    private const string Service = "ursa.vm.v1.VirtualMachineService";

    /// <summary>Adds the VirtualMachineService methods to <paramref name="router"/>.</summary>
    public void Map(GrpcServiceRouter router)
    {
        router
            .Unary<CreateVirtualMachineRequest, CreateVirtualMachineResponse>(Service, "CreateVirtualMachine", CreateVirtualMachineRequest.Parser, async (r, ct) =>
                new CreateVirtualMachineResponse { ContainerId = (await manager.CreateVmAsync(r, ct).ConfigureAwait(false)).Id })
            .Unary<VirtualMachineStatusRequest, VirtualMachineStatusResponse>(Service, "VirtualMachineStatus", VirtualMachineStatusRequest.Parser, (r, _) =>
                Task.FromResult(manager.Vm(r.ContainerId).ToVirtualMachineStatus()))
            .Unary<PauseRequest, PauseResponse>(Service, "Pause", PauseRequest.Parser, async (r, ct) =>
            {
                await manager.Vm(r.ContainerId).PauseAsync(ct).ConfigureAwait(false);
                return new PauseResponse();
            })
            .Unary<ResumeRequest, ResumeResponse>(Service, "Resume", ResumeRequest.Parser, async (r, ct) =>
            {
                await manager.Vm(r.ContainerId).ResumeAsync(ct).ConfigureAwait(false);
                return new ResumeResponse();
            })
            .Unary<RebootRequest, RebootResponse>(Service, "Reboot", RebootRequest.Parser, async (r, ct) =>
            {
                await manager.Vm(r.ContainerId).RebootAsync(ct).ConfigureAwait(false);
                return new RebootResponse();
            })
            .Unary<CreateSnapshotRequest, CreateSnapshotResponse>(Service, "CreateSnapshot", CreateSnapshotRequest.Parser, async (r, ct) =>
                new CreateSnapshotResponse { Snapshot = ToSnapshot(await manager.Vm(r.ContainerId).CreateSnapshotAsync(r.Name, manager.Runner, ct).ConfigureAwait(false)) })
            .Unary<RestoreSnapshotRequest, RestoreSnapshotResponse>(Service, "RestoreSnapshot", RestoreSnapshotRequest.Parser, async (r, ct) =>
            {
                await manager.Vm(r.ContainerId).RestoreSnapshotAsync(r.SnapshotId, manager.Runner, ct).ConfigureAwait(false);
                return new RestoreSnapshotResponse();
            })
            .Unary<DeleteSnapshotRequest, DeleteSnapshotResponse>(Service, "DeleteSnapshot", DeleteSnapshotRequest.Parser, async (r, ct) =>
            {
                await manager.Vm(r.ContainerId).DeleteSnapshotAsync(r.SnapshotId, manager.Runner, ct).ConfigureAwait(false);
                return new DeleteSnapshotResponse();
            })
            .Unary<ListSnapshotsRequest, ListSnapshotsResponse>(Service, "ListSnapshots", ListSnapshotsRequest.Parser, (r, _) =>
                Task.FromResult(new ListSnapshotsResponse { Snapshots = { manager.Vm(r.ContainerId).Record.Snapshots.Select(ToSnapshot) } }))
            .Unary<AttachNicRequest, AttachNicResponse>(Service, "AttachNic", AttachNicRequest.Parser, async (r, ct) =>
            {
                await manager.Vm(r.ContainerId).AttachNicAsync(r.Nic ?? throw Missing("nic"), ct).ConfigureAwait(false);
                return new AttachNicResponse();
            })
            .Unary<DetachNicRequest, DetachNicResponse>(Service, "DetachNic", DetachNicRequest.Parser, async (r, ct) =>
            {
                await manager.Vm(r.ContainerId).DetachNicAsync(r.Name, ct).ConfigureAwait(false);
                return new DetachNicResponse();
            })
            .Unary<AttachDiskRequest, AttachDiskResponse>(Service, "AttachDisk", AttachDiskRequest.Parser, async (r, ct) =>
            {
                await manager.Vm(r.ContainerId).AttachDiskAsync(r.Disk ?? throw Missing("disk"), ct).ConfigureAwait(false);
                return new AttachDiskResponse();
            })
            .Unary<DetachDiskRequest, DetachDiskResponse>(Service, "DetachDisk", DetachDiskRequest.Parser, async (r, ct) =>
            {
                await manager.Vm(r.ContainerId).DetachDiskAsync(r.Name, ct).ConfigureAwait(false);
                return new DetachDiskResponse();
            })
            .Unary<ResizeRequest, ResizeResponse>(Service, "Resize", ResizeRequest.Parser, (r, ct) =>
                manager.Vm(r.ContainerId).ResizeAsync(r.Vcpus, r.MemoryBytes, ct))
            .Duplex<ConsoleRequest, ConsoleResponse>(Service, "Console", ConsoleRequest.Parser, ConsoleAsync);
    }

    private static GrpcException Missing(string field) => new(GrpcStatusCode.InvalidArgument, field + ": required");

    private static Snapshot ToSnapshot(VmSnapshotRecord s) => new() { Id = s.Id, Name = s.Name, CreatedAt = s.CreatedAt.ToUnixTimeMilliseconds() * 1_000_000 };

    /// <summary>Attaches one client to a VM's console: history first, then live output; its input goes to the guest.</summary>
    private async Task ConsoleAsync(IAsyncEnumerable<ConsoleRequest> requests, Func<ConsoleResponse, CancellationToken, Task> write, CancellationToken cancellationToken)
    {
        using var done = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        await using var input = requests.GetAsyncEnumerator(done.Token);
        if (!await input.MoveNextAsync().ConfigureAwait(false))
        {
            return;
        }

        var vm = manager.Vm(input.Current.ContainerId);
        var console = vm.Console ?? throw new GrpcException(GrpcStatusCode.FailedPrecondition, $"VM {vm.Id} is not running: its console is closed");
        var (history, output, handle) = console.Attach(input.Current.HistoryBytes);
        try
        {
            if (history.Length > 0)
            {
                await write(new ConsoleResponse { Output = Google.Protobuf.ByteString.CopyFrom(history) }, cancellationToken).ConfigureAwait(false);
            }

            if (!input.Current.Input.IsEmpty)
            {
                await console.WriteAsync(input.Current.Input.Memory, cancellationToken).ConfigureAwait(false);
            }

            var pump = Task.Run(async () =>
            {
                try
                {
                    while (await input.MoveNextAsync().ConfigureAwait(false))
                    {
                        if (!input.Current.Input.IsEmpty)
                        {
                            await console.WriteAsync(input.Current.Input.Memory, done.Token).ConfigureAwait(false);
                        }
                    }
                }
                catch (OperationCanceledException)
                {
                }
            }, CancellationToken.None);
            await foreach (var chunk in output.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                await write(new ConsoleResponse { Output = Google.Protobuf.ByteString.CopyFrom(chunk) }, cancellationToken).ConfigureAwait(false);
            }

            await done.CancelAsync().ConfigureAwait(false);
            await pump.ConfigureAwait(false);
        }
        finally
        {
            console.Detach(handle);
        }
    }
}
