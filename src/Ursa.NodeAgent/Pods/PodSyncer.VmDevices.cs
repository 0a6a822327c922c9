using Ursa.Cri;
using Ursa.Cri.Vm;
using Ursa.Grpc;
using Ursa.NodeAgent.VirtualMachines;

namespace Ursa.NodeAgent.Pods;

public sealed partial class PodSyncer
{
    /// <summary>
    /// Brings an existing VM's devices and size to its pod spec: NICs (<c>spec.nics</c>) and disks
    /// (<c>volumeDevices</c>) attached or detached live, then a resize. What the runtime cannot do live it records
    /// for the next start and the pod shows it in <c>status.virtualMachineStatus.pendingResources</c>; each change
    /// is an event. <paramref name="status"/> is the VM as the pass found it: a power change made in the same pass
    /// leaves its devices and size as they were. Returns when to look again after a failure.
    /// </summary>
    private async Task<TimeSpan?> ReconcileDevicesAsync(Pod pod, string name, string containerId, VirtualMachineStatusResponse status, IVirtualMachineService vms, CancellationToken cancellationToken)
    {
        var plan = VmDevicePlanner.Plan(pod, status);
        if (plan.IsEmpty)
        {
            return null;
        }

        TimeSpan? retry = null;
        foreach (var nic in plan.AttachNics)
        {
            retry = SyncResult.Earliest(retry, await DeviceStepAsync(pod, "NicAttached", $"Attached NIC {nic.Name} to virtual machine {name}", $"attach NIC {nic.Name}",
                ct => vms.AttachNicAsync(new AttachNicRequest { ContainerId = containerId, Nic = nic }, ct), cancellationToken).ConfigureAwait(false));
        }

        foreach (var nic in plan.DetachNics)
        {
            retry = SyncResult.Earliest(retry, await DeviceStepAsync(pod, "NicDetached", $"Detached NIC {nic} from virtual machine {name}", $"detach NIC {nic}",
                ct => vms.DetachNicAsync(new DetachNicRequest { ContainerId = containerId, Name = nic }, ct), cancellationToken).ConfigureAwait(false));
        }

        foreach (var disk in plan.AttachDisks)
        {
            retry = SyncResult.Earliest(retry, await DeviceStepAsync(pod, "DiskAttached", $"Attached disk {disk.Name} ({disk.HostPath}) to virtual machine {name}", $"attach disk {disk.Name}",
                ct => vms.AttachDiskAsync(new AttachDiskRequest { ContainerId = containerId, Disk = disk }, ct), cancellationToken).ConfigureAwait(false));
        }

        foreach (var disk in plan.DetachDisks)
        {
            retry = SyncResult.Earliest(retry, await DeviceStepAsync(pod, "DiskDetached", $"Detached disk {disk} from virtual machine {name}", $"detach disk {disk}",
                ct => vms.DetachDiskAsync(new DetachDiskRequest { ContainerId = containerId, Name = disk }, ct), cancellationToken).ConfigureAwait(false));
        }

        if (plan.Resize is { } size)
        {
            retry = SyncResult.Earliest(retry, await ResizeVmAsync(pod, name, containerId, status, size, vms, cancellationToken).ConfigureAwait(false));
        }

        return retry;
    }

    private async Task<TimeSpan?> ResizeVmAsync(Pod pod, string name, string containerId, VirtualMachineStatusResponse status, VmSize size, IVirtualMachineService vms, CancellationToken cancellationToken)
    {
        // The pod's cgroup bounds the VM's: it grows before the guest does, or hot-added memory would be OOM-killed.
        // A shrink waits for the next start anyway, so the larger bound stays until then.
        if (size.Vcpus > status.Vcpus || size.MemoryBytes > status.MemoryBytes)
        {
            _cgroups?.Apply(pod.Metadata.Uid!, PodCgroupLimits.For(pod));
        }

        try
        {
            var resized = await vms.ResizeAsync(new ResizeRequest { ContainerId = containerId, Vcpus = size.Vcpus, MemoryBytes = size.MemoryBytes }, cancellationToken).ConfigureAwait(false);
            var now = $"{resized.Vcpus} vCPUs, {resized.MemoryBytes >> 20} MiB";
            if (resized.PendingVcpus > 0 || resized.PendingMemoryBytes > 0)
            {
                var pending = $"{(resized.PendingVcpus > 0 ? resized.PendingVcpus : resized.Vcpus)} vCPUs, {(resized.PendingMemoryBytes > 0 ? resized.PendingMemoryBytes : resized.MemoryBytes) >> 20} MiB";
                Record(pod, "Normal", "ResizePending", $"Virtual machine {name} has {now}; {pending} at its next start: {resized.Message}");
            }
            else
            {
                Record(pod, "Normal", "Resized", $"Resized virtual machine {name} live to {now}");
            }

            return null;
        }
        catch (GrpcException e)
        {
            Record(pod, "Warning", "ResizeFailed", $"Virtual machine {name}: resize to {size.Vcpus} vCPUs, {size.MemoryBytes >> 20} MiB failed: {e.Detail}");
            return TimeSpan.FromSeconds(10);
        }
    }

    /// <summary>One hot-plug call: an event when it is done, a warning and a retry later when it fails.</summary>
    private async Task<TimeSpan?> DeviceStepAsync(Pod pod, string reason, string message, string what, Func<CancellationToken, Task> call, CancellationToken cancellationToken)
    {
        try
        {
            await call(cancellationToken).ConfigureAwait(false);
            Record(pod, "Normal", reason, message);
            return null;
        }
        catch (GrpcException e)
        {
            Record(pod, "Warning", "HotplugFailed", $"Virtual machine {pod.Spec?.VirtualMachine?.Name}: {what} failed: {e.Detail}");
            return TimeSpan.FromSeconds(10);
        }
    }
}
