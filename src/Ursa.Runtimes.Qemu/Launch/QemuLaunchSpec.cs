namespace Ursa.Runtimes.Qemu.Launch;

/// <summary>Everything that decides one QEMU process's command line (see <see cref="QemuCommandLine"/>).</summary>
public sealed record QemuLaunchSpec
{
    /// <summary>The PCIe root ports reserved for live attaches unless told otherwise.</summary>
    public const int DefaultHotplugPorts = 6;

    /// <summary>Guest name (shown in QEMU's process title and errors).</summary>
    public required string Name { get; init; }

    /// <summary>The QEMU binary.</summary>
    public string Binary { get; init; } = "qemu-system-x86_64";

    public QemuAccelerator Accelerator { get; init; } = QemuAccelerator.Tcg;

    /// <summary>vCPUs online at start.</summary>
    public int Vcpus { get; init; } = 1;

    /// <summary>vCPUs the guest can grow to by hot-add (QEMU <c>maxcpus</c>).</summary>
    public int MaxVcpus { get; init; } = 1;

    /// <summary>Guest memory at start, MiB.</summary>
    public long MemoryMiB { get; init; } = 256;

    /// <summary>Memory the guest can grow to by DIMM hot-add, MiB (QEMU <c>maxmem</c>); equal to MemoryMiB: no hot-add.</summary>
    public long MaxMemoryMiB { get; init; } = 256;

    /// <summary>DIMM slots reserved for memory hot-add.</summary>
    public int MemorySlots { get; init; } = 4;

    /// <summary>PCIe root ports reserved for NIC and disk hot-plug.</summary>
    public int HotplugPorts { get; init; } = DefaultHotplugPorts;

    public required string QmpSocket { get; init; }

    /// <summary>The serial console's socket (QEMU is the server; the runtime connects as the one client).</summary>
    public required string SerialSocket { get; init; }

    public required string PidFile { get; init; }

    /// <summary>The boot disk (first in boot order).</summary>
    public required QemuDisk RootDisk { get; init; }

    /// <summary>Further disks attached at start (the seed, volumes).</summary>
    public IReadOnlyList<QemuDisk> Disks { get; init; } = [];

    public IReadOnlyList<QemuNic> Nics { get; init; } = [];

    /// <summary>Direct kernel boot (minimal guests); null: firmware boots the root disk's own bootloader.</summary>
    public string? Kernel { get; init; }

    public string? Initrd { get; init; }

    public string? KernelArgs { get; init; }

    /// <summary>Wait for an incoming migration stream (<c>-incoming defer</c>): restoring a memory snapshot.</summary>
    public bool IncomingDeferred { get; init; }
}
