using Microsoft.Extensions.Logging;
using Ursa.Cri.Vm;
using Ursa.Grpc;
using Ursa.Qmp;
using Ursa.Runtimes.Qemu.Launch;

namespace Ursa.Runtimes.Qemu.Vms;

public sealed partial class VmInstance
{
    /// <summary>DIMM slots reserved at start (QEMU <c>-m ...,slots=</c>).</summary>
    private const int DimmSlots = 4;

    /// <summary>
    /// Grows the VM live where it can (CPUs with <c>device_add</c> into the free slots of
    /// <c>query-hotpluggable-cpus</c>, memory as one <c>pc-dimm</c>); the rest waits for the next start, and the
    /// response says why. 0 leaves that dimension alone.
    /// </summary>
    public Task<ResizeResponse> ResizeAsync(int vcpus, long memoryBytes, CancellationToken cancellationToken)
    {
        if (vcpus < 0 || memoryBytes < 0 || (memoryBytes is > 0 and < 16L << 20))
        {
            throw new GrpcException(GrpcStatusCode.InvalidArgument, $"resize: vcpus must be at least 1 and memory at least 16 MiB, or 0 to keep (got {vcpus} vCPU, {memoryBytes} bytes)");
        }

        return DeviceOperationAsync(async qmp =>
        {
            var slots = qmp is not null && vcpus > Record.Vcpus ? await qmp.QueryHotpluggableCpusAsync(cancellationToken).ConfigureAwait(false) : null;
            var plan = VmResizePlan.Create(new VmResizeRequest(
                Live: qmp is not null,
                Vcpus: Record.Vcpus,
                MaxVcpus: slots?.Count ?? Record.Vcpus,
                MemoryBytes: Record.MemoryBytes,
                // What QEMU was given (-m ...,maxmem=, whole MiB; no maxmem when it equals the boot memory).
                MaxMemoryBytes: (MaxMemoryBytes >> 20) > (BootMemoryBytes >> 20) ? MaxMemoryBytes >> 20 << 20 : BootMemoryBytes,
                FreeDimmSlots: DimmSlots - Record.Dimms.Count,
                TargetVcpus: vcpus,
                TargetMemoryBytes: memoryBytes));
            if (plan.AddVcpus > 0)
            {
                await AddCpusAsync(qmp!, slots!, Record.Vcpus + plan.AddVcpus, cancellationToken).ConfigureAwait(false);
            }

            if (plan.AddMemoryBytes > 0)
            {
                await AddDimmAsync(qmp!, plan.AddMemoryBytes, cancellationToken).ConfigureAwait(false);
            }

            await UpdateAsync(r =>
            {
                r.PendingVcpus = plan.PendingVcpus ?? r.PendingVcpus;
                r.PendingMemoryBytes = plan.PendingMemoryBytes ?? r.PendingMemoryBytes;
            }, cancellationToken).ConfigureAwait(false);
            Log.Resized(_logger, Id, Record.Vcpus, Record.MemoryBytes >> 20, Record.PendingVcpus, Record.PendingMemoryBytes >> 20);
            return new ResizeResponse
            {
                Vcpus = Record.Vcpus,
                MemoryBytes = Record.MemoryBytes,
                PendingVcpus = Record.PendingVcpus,
                PendingMemoryBytes = Record.PendingMemoryBytes,
                Message = string.Join("; ", plan.Reasons),
            };
        }, "resize", cancellationToken);
    }

    /// <summary>Plugs CPUs one by one, recording each (a failure half-way leaves the record true), then moves the cgroup quota.</summary>
    private async Task AddCpusAsync(IQmpClient qmp, System.Text.Json.Nodes.JsonArray slots, int target, CancellationToken cancellationToken)
    {
        try
        {
            foreach (var cpu in QemuHotplug.CpuDevices(slots, target))
            {
                await qmp.DeviceAddAsync(cpu, cancellationToken).ConfigureAwait(false);
                await UpdateAsync(r => r.Vcpus++, cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            VmCgroup.Of(Request.SandboxConfig?.Linux?.CgroupParent, Id).SetCpuLimit(CpuLimitMillis);
        }
    }

    /// <summary>Adds <paramref name="bytes"/> as one DIMM on a new RAM backend (removed again if the DIMM is refused).</summary>
    private async Task AddDimmAsync(IQmpClient qmp, long bytes, CancellationToken cancellationToken)
    {
        // DIMMs are never removed within one QEMU run (the record clears at start), so the count names the next one.
        var id = QemuHotplug.DimmId(Record.Dimms.Count);
        await qmp.ExecuteAsync("object-add", QemuHotplug.MemoryBackend(id, bytes), cancellationToken).ConfigureAwait(false);
        try
        {
            await qmp.DeviceAddAsync(QemuHotplug.DimmDevice(id), cancellationToken).ConfigureAwait(false);
        }
        catch (QmpException)
        {
            await QuietlyAsync(() => qmp.ExecuteAsync("object-del", new System.Text.Json.Nodes.JsonObject { ["id"] = "mem-" + id }, CancellationToken.None)).ConfigureAwait(false);
            throw;
        }

        await UpdateAsync(r =>
        {
            r.Dimms.Add(bytes);
            r.MemoryBytes += bytes;
        }, cancellationToken).ConfigureAwait(false);
    }

    private static partial class Log
    {
        [LoggerMessage(742, LogLevel.Information, "VM {Vm} resized: {Vcpus} vCPU, {MemoryMiB} MiB (pending: {PendingVcpus} vCPU, {PendingMemoryMiB} MiB)")]
        public static partial void Resized(ILogger logger, string vm, int vcpus, long memoryMiB, int pendingVcpus, long pendingMemoryMiB);
    }
}
