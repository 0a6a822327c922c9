using System.Globalization;

namespace Ursa.Runtimes.Qemu.Launch;

/// <summary>
/// Pure: <see cref="QemuLaunchSpec"/> → QEMU's argument list. q35 with hot-plug room reserved at start (PCIe root
/// ports, <c>maxcpus</c>, DIMM slots), no default devices, QMP and the serial console on unix sockets,
/// <c>-no-shutdown</c> (a guest power-off leaves QEMU up so the runtime sees it and decides), and <c>-S</c> (the
/// runtime connects QMP before the guest runs, so it misses no event).
/// </summary>
/// <remarks>
/// PCIe layout: the root disk, the seed and the primary NIC sit on the root bus (never unplugged). Every detachable
/// device present at start (extra disks and NICs, including ones hot-plugged during an earlier run) gets a root port
/// of its own, <c>port-DEVICEID</c>, numbered after the hot-plug ports, so it can still be unplugged; the
/// <c>hotplugN</c> ports stay free for live attaches.
/// </remarks>
public static class QemuCommandLine
{
    /// <summary>TCG's translation cache (<c>tb-size</c>), part of QEMU's memory overhead under TCG.</summary>
    public const int TcgTranslationCacheMiB = 32;

    /// <summary>The arguments after the binary.</summary>
    public static IReadOnlyList<string> Build(QemuLaunchSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (spec.Vcpus < 1 || spec.MaxVcpus < spec.Vcpus)
        {
            throw new ArgumentException($"vcpus {spec.Vcpus} must be at least 1 and at most maxVcpus {spec.MaxVcpus}", nameof(spec));
        }

        if (spec.MemoryMiB < 16 || spec.MaxMemoryMiB < spec.MemoryMiB)
        {
            throw new ArgumentException($"memory {spec.MemoryMiB} MiB must be at least 16 MiB and at most maxMemory {spec.MaxMemoryMiB} MiB", nameof(spec));
        }

        var args = new List<string>
        {
            "-name", $"guest={Escape(spec.Name)},debug-threads=on",
            "-machine", "q35",
            // TCG's translation cache defaults to 1 GiB on a big host and fills before it is flushed: a busy guest
            // (a Debian boot) grew QEMU past guest RAM + the pod's 128Mi overhead and was OOM-killed in its pod
            // cgroup. 32 MiB (QEMU's default before 5.0) keeps it inside the overhead. One TCG thread for all vCPUs:
            // with a thread per vCPU (MTTCG) the cache is cut into regions the running vCPUs fill, and a vCPU
            // hot-added later finds none free and QEMU 7.2 aborts (tcg_region_initial_alloc__locked).
            "-accel", spec.Accelerator == QemuAccelerator.Kvm ? "kvm" : Invariant($"tcg,tb-size={TcgTranslationCacheMiB},thread=single"),
            "-cpu", spec.Accelerator == QemuAccelerator.Kvm ? "host" : "max",
            "-smp", Invariant($"{spec.Vcpus},maxcpus={spec.MaxVcpus}"),
            "-m", spec.MaxMemoryMiB > spec.MemoryMiB
                ? Invariant($"{spec.MemoryMiB}M,slots={spec.MemorySlots},maxmem={spec.MaxMemoryMiB}M")
                : Invariant($"{spec.MemoryMiB}M"),
            "-nodefaults", "-no-user-config", "-display", "none", "-no-shutdown", "-S",
            // Native PCIe hot-plug on the root ports (Linux's pciehp) rather than ACPI: an unplug of a slot the
            // guest never powered completes at once instead of waiting for an eject that never comes.
            "-global", "ICH9-LPC.acpi-pci-hotplug-with-bridge-support=off",
            "-rtc", "base=utc",
            "-qmp", $"unix:{Escape(spec.QmpSocket)},server=on,wait=off",
            "-chardev", $"socket,id=serial0,path={Escape(spec.SerialSocket)},server=on,wait=off",
            "-serial", "chardev:serial0",
            "-pidfile", spec.PidFile,
        };

        // Own ports are numbered after the hot-plug ports: chassis and slot must be unique per root port.
        var ownPort = spec.HotplugPorts;
        AddDisk(args, spec.RootDisk, bootIndex: 1, bus: null);
        foreach (var disk in spec.Disks)
        {
            AddDisk(args, disk, bootIndex: null, bus: disk.Detachable ? AddOwnPort(args, disk.PortId, ++ownPort) : null);
        }

        foreach (var nic in spec.Nics)
        {
            var bus = nic.Detachable ? AddOwnPort(args, nic.PortId, ++ownPort) : null;
            args.Add("-netdev");
            args.Add($"tap,id={nic.NetdevId},ifname={Escape(nic.TapName)},script=no,downscript=no");
            args.Add("-device");
            args.Add($"virtio-net-pci,netdev={nic.NetdevId},id={nic.DeviceId},mac={nic.MacAddress}{OnBus(bus)}");
        }

        for (var port = 1; port <= spec.HotplugPorts; port++)
        {
            args.Add("-device");
            args.Add(Invariant($"pcie-root-port,id={HotplugPort(port)},chassis={port},slot={port},bus=pcie.0"));
        }

        if (spec.Kernel is { Length: > 0 } kernel)
        {
            args.Add("-kernel");
            args.Add(kernel);
            if (spec.Initrd is { Length: > 0 } initrd)
            {
                args.Add("-initrd");
                args.Add(initrd);
            }

            if (spec.KernelArgs is { Length: > 0 } append)
            {
                args.Add("-append");
                args.Add(append);
            }
        }

        if (spec.IncomingDeferred)
        {
            args.Add("-incoming");
            args.Add("defer");
        }

        return args;
    }

    /// <summary>The id of hot-plug root port <paramref name="number"/> (1-based).</summary>
    public static string HotplugPort(int number) => Invariant($"hotplug{number}");

    /// <summary>QEMU's option syntax splits on commas; a literal comma is written twice.</summary>
    public static string Escape(string value) => value.Replace(",", ",,", StringComparison.Ordinal);

    private static void AddDisk(List<string> args, QemuDisk disk, int? bootIndex, string? bus)
    {
        args.Add("-blockdev");
        args.Add($"driver={disk.Format},node-name={disk.NodeName},read-only={(disk.ReadOnly ? "on" : "off")},file.driver={disk.FileDriver},file.filename={Escape(disk.Path)}");
        args.Add("-device");
        args.Add(bootIndex is { } index
            ? Invariant($"virtio-blk-pci,drive={disk.NodeName},id={disk.DeviceId},bootindex={index}")
            : $"virtio-blk-pci,drive={disk.NodeName},id={disk.DeviceId}{OnBus(bus)}");
    }

    /// <summary>Adds root port <paramref name="id"/> (chassis and slot <paramref name="number"/>) and returns its id.</summary>
    private static string AddOwnPort(List<string> args, string id, int number)
    {
        args.Add("-device");
        args.Add(Invariant($"pcie-root-port,id={id},chassis={number},slot={number},bus=pcie.0"));
        return id;
    }

    private static string OnBus(string? bus) => bus is null ? string.Empty : ",bus=" + bus;

    private static string Invariant(FormattableString value) => value.ToString(CultureInfo.InvariantCulture);
}
