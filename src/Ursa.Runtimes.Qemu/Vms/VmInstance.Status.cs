using Ursa.Cri.V1;
using Ursa.Cri.Vm;

namespace Ursa.Runtimes.Qemu.Vms;

public sealed partial class VmInstance
{
    /// <summary>The VM as a CRI container (the agent lists and inspects VMs like containers).</summary>
    public Container ToContainer() => new()
    {
        Id = Id,
        PodSandboxId = Record.SandboxId,
        Metadata = Request.Config?.Metadata,
        Image = Request.Config?.Image,
        ImageRef = Request.Vm?.Image?.Image ?? string.Empty,
        State = State,
        CreatedAt = Nanos(Record.CreatedAt),
        Labels = { Request.Config?.Labels ?? [] },
        Annotations = { Request.Config?.Annotations ?? [] },
    };

    /// <summary>The VM as a CRI container status: running while QEMU runs (paused included), exited after.</summary>
    public Cri.V1.ContainerStatus ToContainerStatus() => new()
    {
        Id = Id,
        Metadata = Request.Config?.Metadata,
        State = State,
        CreatedAt = Nanos(Record.CreatedAt),
        StartedAt = Nanos(Record.StartedAt),
        FinishedAt = Record.Phase == VmPhase.Exited ? Nanos(Record.FinishedAt) : 0,
        ExitCode = Record.Phase == VmPhase.Exited ? Record.ExitCode : 0,
        Image = Request.Config?.Image,
        ImageRef = Request.Vm?.Image?.Image ?? string.Empty,
        Reason = Record.Phase == VmPhase.Exited ? Record.Reason ?? string.Empty : string.Empty,
        Message = Record.Phase == VmPhase.Exited ? Record.Message ?? string.Empty : string.Empty,
        Labels = { Request.Config?.Labels ?? [] },
        Annotations = { Request.Config?.Annotations ?? [] },
        LogPath = LogPath ?? string.Empty,
    };

    /// <summary>The VM's own status (power state, boot, sizes, devices).</summary>
    public VirtualMachineStatusResponse ToVirtualMachineStatus() => new()
    {
        ContainerId = Id,
        PowerState = Record.Phase switch
        {
            VmPhase.Created => PowerState.Created,
            VmPhase.Running => PowerState.Running,
            VmPhase.Paused => PowerState.Paused,
            _ => Record.Reason is "Crashed" or "StartError" ? PowerState.Crashed : PowerState.Shutdown,
        },
        Booted = Record.Phase is VmPhase.Running or VmPhase.Paused && Record.BootedAt is not null,
        BootedAt = Nanos(Record.BootedAt),
        Vcpus = Record.Vcpus,
        MemoryBytes = Record.MemoryBytes,
        PendingVcpus = Record.PendingVcpus,
        PendingMemoryBytes = Record.PendingMemoryBytes,
        RestartCount = Record.RestartCount,
        Nics = { Record.Nics.Select(n => new VirtualMachineNic { Name = n.Name, MacAddress = n.MacAddress }) },
        Disks = { Record.Disks.Select(d => new VirtualMachineDisk { Name = d.Name, HostPath = d.HostPath, ReadOnly = d.ReadOnly, DevicePath = d.DevicePath }) },
        Message = Record.Message ?? string.Empty,
        Accelerator = Record.Accelerator ?? string.Empty,
        Pid = Record.Pid,
        IpAddress = Sandbox.Address ?? string.Empty,
    };

    private ContainerState State => Record.Phase switch
    {
        VmPhase.Created => ContainerState.ContainerCreated,
        VmPhase.Running or VmPhase.Paused => ContainerState.ContainerRunning,
        _ => ContainerState.ContainerExited,
    };

    private static long Nanos(DateTimeOffset? time) => time is { } t ? (t.ToUnixTimeMilliseconds() * 1_000_000) + (t.Ticks % TimeSpan.TicksPerMillisecond * 100) : 0;
}
