using Ursa.Runtimes.Qemu.Launch;

namespace Ursa.UnitTests.Runtimes.Qemu;

public sealed class QemuCommandLineTests
{
    private static QemuLaunchSpec Spec(Func<QemuLaunchSpec, QemuLaunchSpec>? change = null)
    {
        var spec = new QemuLaunchSpec
        {
            Name = "web",
            QmpSocket = "/run/vm/qmp.sock",
            SerialSocket = "/run/vm/serial.sock",
            PidFile = "/run/vm/qemu.pid",
            RootDisk = new QemuDisk("root", "/var/vm/root.qcow2", "qcow2"),
        };
        return change is null ? spec : change(spec);
    }

    private static string? ValueOf(IReadOnlyList<string> args, string option)
    {
        var i = args.ToList().IndexOf(option);
        return i < 0 || i + 1 >= args.Count ? null : args[i + 1];
    }

    private static List<string> ValuesOf(IReadOnlyList<string> args, string option) =>
        args.Select((a, i) => (a, i)).Where(p => p.a == option && p.i + 1 < args.Count).Select(p => args[p.i + 1]).ToList();

    [Fact]
    public void Defaults_reserve_hotplug_room_and_start_paused_without_default_devices()
    {
        var args = QemuCommandLine.Build(Spec());
        Assert.Equal("q35", ValueOf(args, "-machine"));
        Assert.Equal("tcg,tb-size=32,thread=single", ValueOf(args, "-accel"));
        Assert.Equal("max", ValueOf(args, "-cpu"));
        Assert.Equal("1,maxcpus=1", ValueOf(args, "-smp"));
        Assert.Equal("256M", ValueOf(args, "-m"));
        foreach (var flag in new[] { "-nodefaults", "-no-user-config", "-no-shutdown", "-S" })
        {
            Assert.Contains(flag, args);
        }

        Assert.Equal("none", ValueOf(args, "-display"));
        Assert.Equal("unix:/run/vm/qmp.sock,server=on,wait=off", ValueOf(args, "-qmp"));
        Assert.Equal("socket,id=serial0,path=/run/vm/serial.sock,server=on,wait=off", ValueOf(args, "-chardev"));
        Assert.Equal("chardev:serial0", ValueOf(args, "-serial"));
        Assert.Equal("/run/vm/qemu.pid", ValueOf(args, "-pidfile"));
        var ports = ValuesOf(args, "-device").Where(d => d.StartsWith("pcie-root-port", StringComparison.Ordinal)).ToList();
        Assert.Equal(6, ports.Count);
        Assert.Equal("pcie-root-port,id=hotplug1,chassis=1,slot=1,bus=pcie.0", ports[0]);
        Assert.DoesNotContain("-incoming", args);
        Assert.DoesNotContain("-kernel", args);
    }

    [Theory]
    [InlineData(QemuAccelerator.Kvm, "kvm", "host")]
    // A bounded translation cache: QEMU's 1 GiB default outgrew the pod's memory overhead (OOM-killed).
    [InlineData(QemuAccelerator.Tcg, "tcg,tb-size=32,thread=single", "max")]
    public void Accelerator_picks_accel_and_cpu_model(QemuAccelerator accelerator, string accel, string cpu)
    {
        var args = QemuCommandLine.Build(Spec(s => s with { Accelerator = accelerator }));
        Assert.Equal("q35", ValueOf(args, "-machine"));
        Assert.Equal(accel, ValueOf(args, "-accel"));
        Assert.Single(args, a => a == "-accel");
        Assert.Equal(cpu, ValueOf(args, "-cpu"));
    }

    [Theory]
    [InlineData(2, 4, 512, 512, "2,maxcpus=4", "512M")]
    [InlineData(1, 1, 256, 1024, "1,maxcpus=1", "256M,slots=4,maxmem=1024M")]
    [InlineData(3, 8, 1024, 4096, "3,maxcpus=8", "1024M,slots=4,maxmem=4096M")]
    public void Cpu_and_memory_reserve_hot_add_room(int vcpus, int max, long mem, long maxMem, string smp, string m)
    {
        var args = QemuCommandLine.Build(Spec(s => s with { Vcpus = vcpus, MaxVcpus = max, MemoryMiB = mem, MaxMemoryMiB = maxMem }));
        Assert.Equal(smp, ValueOf(args, "-smp"));
        Assert.Equal(m, ValueOf(args, "-m"));
    }

    [Theory]
    [InlineData(0, 1, 256, 256)]
    [InlineData(3, 2, 256, 256)]
    [InlineData(1, 1, 8, 8)]
    [InlineData(1, 1, 512, 256)]
    public void Impossible_sizes_are_rejected(int vcpus, int max, long mem, long maxMem)
    {
        Assert.Throws<ArgumentException>(() => QemuCommandLine.Build(Spec(s => s with { Vcpus = vcpus, MaxVcpus = max, MemoryMiB = mem, MaxMemoryMiB = maxMem })));
    }

    [Fact]
    public void Root_disk_boots_first_and_extra_disks_follow_read_only_where_asked()
    {
        var args = QemuCommandLine.Build(Spec(s => s with { Disks = [new QemuDisk("cidata", "/var/vm/seed.iso", "raw", ReadOnly: true)] }));
        Assert.Equal(
            ["driver=qcow2,node-name=disk-root,read-only=off,file.driver=file,file.filename=/var/vm/root.qcow2",
             "driver=raw,node-name=disk-cidata,read-only=on,file.driver=file,file.filename=/var/vm/seed.iso"],
            ValuesOf(args, "-blockdev"));
        var disks = ValuesOf(args, "-device").Where(d => d.StartsWith("virtio-blk-pci", StringComparison.Ordinal)).ToList();
        Assert.Equal(["virtio-blk-pci,drive=disk-root,id=virtio-disk-root,bootindex=1", "virtio-blk-pci,drive=disk-cidata,id=virtio-disk-cidata"], disks);
    }

    [Fact]
    public void Nics_are_taps_opened_by_name_with_their_mac()
    {
        var args = QemuCommandLine.Build(Spec(s => s with { Nics = [new QemuNic("eth0", "tap0", "52:54:00:12:34:56")] }));
        Assert.Equal("tap,id=net-eth0,ifname=tap0,script=no,downscript=no", ValueOf(args, "-netdev"));
        Assert.Contains("virtio-net-pci,netdev=net-eth0,id=nic-eth0,mac=52:54:00:12:34:56", args);
    }

    [Fact]
    public void Commas_in_paths_are_escaped_for_qemus_option_syntax()
    {
        var args = QemuCommandLine.Build(Spec(s => s with { QmpSocket = "/run/a,b/qmp.sock", RootDisk = new QemuDisk("root", "/var/x,y.qcow2", "qcow2") }));
        Assert.Equal("unix:/run/a,,b/qmp.sock,server=on,wait=off", ValueOf(args, "-qmp"));
        Assert.EndsWith("file.filename=/var/x,,y.qcow2", ValuesOf(args, "-blockdev")[0], StringComparison.Ordinal);
    }

    [Fact]
    public void Direct_kernel_boot_and_deferred_incoming_are_passed_through()
    {
        var args = QemuCommandLine.Build(Spec(s => s with { Kernel = "/k/vmlinuz", Initrd = "/k/initrd", KernelArgs = "console=ttyS0 quiet", IncomingDeferred = true }));
        Assert.Equal("/k/vmlinuz", ValueOf(args, "-kernel"));
        Assert.Equal("/k/initrd", ValueOf(args, "-initrd"));
        Assert.Equal("console=ttyS0 quiet", ValueOf(args, "-append"));
        Assert.Equal("defer", ValueOf(args, "-incoming"));
    }

    [Fact]
    public void Detachable_devices_get_a_root_port_of_their_own_and_leave_the_hotplug_ports_free()
    {
        var args = QemuCommandLine.Build(Spec(s => s with
        {
            Disks =
            [
                new QemuDisk("cidata", "/var/vm/seed.iso", "raw", ReadOnly: true),
                new QemuDisk("data", "/var/vm/data.img", "raw") { Detachable = true },
            ],
            Nics =
            [
                new QemuNic("eth0", "tap0", "52:54:00:00:00:01"),
                new QemuNic("net1", "tap1", "52:54:00:00:00:02") { Detachable = true },
            ],
        }));

        var devices = ValuesOf(args, "-device");
        Assert.Equal(
            [
                "virtio-blk-pci,drive=disk-root,id=virtio-disk-root,bootindex=1",
                "virtio-blk-pci,drive=disk-cidata,id=virtio-disk-cidata",
                "pcie-root-port,id=port-virtio-disk-data,chassis=7,slot=7,bus=pcie.0",
                "virtio-blk-pci,drive=disk-data,id=virtio-disk-data,bus=port-virtio-disk-data",
                "virtio-net-pci,netdev=net-eth0,id=nic-eth0,mac=52:54:00:00:00:01",
                "pcie-root-port,id=port-nic-net1,chassis=8,slot=8,bus=pcie.0",
                "virtio-net-pci,netdev=net-net1,id=nic-net1,mac=52:54:00:00:00:02,bus=port-nic-net1",
                "pcie-root-port,id=hotplug1,chassis=1,slot=1,bus=pcie.0",
                "pcie-root-port,id=hotplug2,chassis=2,slot=2,bus=pcie.0",
                "pcie-root-port,id=hotplug3,chassis=3,slot=3,bus=pcie.0",
                "pcie-root-port,id=hotplug4,chassis=4,slot=4,bus=pcie.0",
                "pcie-root-port,id=hotplug5,chassis=5,slot=5,bus=pcie.0",
                "pcie-root-port,id=hotplug6,chassis=6,slot=6,bus=pcie.0",
            ],
            devices);
    }

    [Theory]
    [InlineData(false, "file")]
    [InlineData(true, "host_device")]
    public void Block_devices_open_with_the_host_device_driver(bool hostDevice, string driver)
    {
        var args = QemuCommandLine.Build(Spec(s => s with { Disks = [new QemuDisk("vol", "/dev/vdb", "raw") { HostDevice = hostDevice, Detachable = true }] }));
        Assert.Equal($"driver=raw,node-name=disk-vol,read-only=off,file.driver={driver},file.filename=/dev/vdb", ValuesOf(args, "-blockdev")[1]);
    }
}
