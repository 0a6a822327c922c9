using System.Text.RegularExpressions;
using Ursa.Cri.Vm;
using Ursa.Grpc;
using Ursa.IntegrationTests.Infrastructure;
using Ursa.Runtimes.Qemu.Vms;
using static Ursa.IntegrationTests.Runtimes.Qemu.HotplugVmFixture;

namespace Ursa.IntegrationTests.Runtimes.Qemu;

/// <summary>
/// Live hot-plug and resize through <c>ursa.vm.v1.VirtualMachineService</c> on a real busybox guest (QEMU 7.2,
/// TCG), checked from inside the guest through the Console RPC.
/// </summary>
public sealed partial class VmHotplugTests(HotplugVmFixture vm) : IClassFixture<HotplugVmFixture>
{
    private const string Addresses = "cat /sys/class/net/*/address";

    [Fact]
    public async Task AttachNic_ThenDetach_NicAppearsInGuestAndGoesAway()
    {
        string before = await vm.ShellAsync(Addresses);
        string mac = VmManager.MacFor(vm.VmId, "net1");
        Assert.DoesNotContain(mac, before, StringComparison.Ordinal);

        await vm.Client.AttachNicAsync(new AttachNicRequest { ContainerId = vm.VmId, Nic = new VirtualMachineNic { Name = "net1" } }, CancellationToken.None);
        await vm.ShellUntilAsync(Addresses, o => o.Contains(mac, StringComparison.Ordinal), $"a NIC with MAC {mac} in the guest");
        var attached = await vm.StatusAsync();
        // A second attach of the same name changes nothing.
        await vm.Client.AttachNicAsync(new AttachNicRequest { ContainerId = vm.VmId, Nic = new VirtualMachineNic { Name = "net1" } }, CancellationToken.None);

        await vm.Client.DetachNicAsync(new DetachNicRequest { ContainerId = vm.VmId, Name = "net1" }, CancellationToken.None);
        string after = await vm.ShellUntilAsync(Addresses, o => !o.Contains(mac, StringComparison.Ordinal), $"the NIC with MAC {mac} gone from the guest");

        Assert.Equal(["eth0", "net1"], attached.Nics.Select(n => n.Name));
        Assert.Equal(mac, attached.Nics[1].MacAddress);
        Assert.Equal(["eth0"], (await vm.StatusAsync()).Nics.Select(n => n.Name));
        Assert.Equal(Lines(before), Lines(after));
        var missing = await Assert.ThrowsAsync<GrpcException>(() => vm.Client.DetachNicAsync(new DetachNicRequest { ContainerId = vm.VmId, Name = "net1" }, CancellationToken.None));
        Assert.Equal(GrpcStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task AttachDisk_ThenDetach_DiskAppearsInGuestAndGoesAway()
    {
        // 24 MiB = 49152 sectors: a size no other disk of the guest has.
        string file = Path.Combine(vm.Directory, "data.img");
        await using (var stream = File.Create(file))
        {
            stream.SetLength(24 * MiB);
        }

        const string Sizes = "cat /sys/block/vd*/size";
        string before = await vm.ShellAsync(Sizes);
        Assert.DoesNotContain("49152", before, StringComparison.Ordinal);

        await vm.Client.AttachDiskAsync(new AttachDiskRequest { ContainerId = vm.VmId, Disk = new VirtualMachineDisk { Name = "data", HostPath = file, ReadOnly = true } }, CancellationToken.None);
        await vm.ShellUntilAsync(Sizes, o => Lines(o).Contains("49152"), "a 24 MiB virtio disk in the guest");
        string readOnly = await vm.ShellAsync("for d in /sys/block/vd*; do [ \"$(cat $d/size)\" = 49152 ] && cat $d/ro; done");
        var attached = await vm.StatusAsync();

        await vm.Client.DetachDiskAsync(new DetachDiskRequest { ContainerId = vm.VmId, Name = "data" }, CancellationToken.None);
        await vm.ShellUntilAsync(Sizes, o => !Lines(o).Contains("49152"), "the 24 MiB disk gone from the guest");

        Assert.Equal("1", readOnly.Trim());
        var disk = Assert.Single(attached.Disks, d => d.Name == "data");
        Assert.Equal((file, true), (disk.HostPath, disk.ReadOnly));
        Assert.DoesNotContain((await vm.StatusAsync()).Disks, d => d.Name == "data");
    }

    [Fact]
    public async Task Resize_Up_ShowsInGuest_AndDown_IsPendingWithWhy()
    {
        long memTotalBefore = MemTotalKiB(await vm.ShellAsync("grep MemTotal /proc/meminfo"));
        Assert.Equal("0", (await vm.ShellAsync("cat /sys/devices/system/cpu/online")).Trim());
        string quotaBefore = vm.CpuQuota();

        var grown = await vm.Client.ResizeAsync(new ResizeRequest { ContainerId = vm.VmId, Vcpus = 2, MemoryBytes = 384 * MiB }, CancellationToken.None);
        await vm.ShellUntilAsync("cat /sys/devices/system/cpu/online", o => o.Trim() == "0-1", "the hot-added CPU online in the guest");
        string meminfo = await vm.ShellUntilAsync("grep MemTotal /proc/meminfo", o => MemTotalKiB(o) >= memTotalBefore + (120 * 1024), "MemTotal to grow by the 128 MiB DIMM");
        var status = await vm.StatusAsync();
        string quotaAfter = vm.CpuQuota();

        var shrunk = await vm.Client.ResizeAsync(new ResizeRequest { ContainerId = vm.VmId, Vcpus = 1, MemoryBytes = 256 * MiB }, CancellationToken.None);
        var pending = await vm.StatusAsync();

        Assert.Equal((2, 384 * MiB, 0, 0L, ""), (grown.Vcpus, grown.MemoryBytes, grown.PendingVcpus, grown.PendingMemoryBytes, grown.Message));
        Assert.Equal((2, 384 * MiB), (status.Vcpus, status.MemoryBytes));
        Assert.Equal(("100000", "200000"), (quotaBefore, quotaAfter));
        Assert.InRange(MemTotalKiB(meminfo) - memTotalBefore, 120 * 1024, 128 * 1024);
        Assert.Equal((2, 384 * MiB, 1, 256 * MiB), (shrunk.Vcpus, shrunk.MemoryBytes, shrunk.PendingVcpus, shrunk.PendingMemoryBytes));
        Assert.Contains("1 vCPUs at next start: vCPUs cannot be removed live", shrunk.Message, StringComparison.Ordinal);
        Assert.Contains("256 MiB at next start: memory cannot be removed live", shrunk.Message, StringComparison.Ordinal);
        Assert.Equal((1, 256 * MiB), (pending.PendingVcpus, pending.PendingMemoryBytes));
        Assert.Equal("0-1", (await vm.ShellAsync("cat /sys/devices/system/cpu/online")).Trim());
    }

    [Fact]
    public async Task DetachDisk_GuestPaused_FailsClearly_ThenSucceedsOnceTheGuestReleasedIt()
    {
        // 16 MiB = 32768 sectors.
        string file = Path.Combine(vm.Directory, "slow.img");
        await using (var stream = File.Create(file))
        {
            stream.SetLength(16 * MiB);
        }

        const string Sizes = "cat /sys/block/vd*/size";
        await vm.Client.AttachDiskAsync(new AttachDiskRequest { ContainerId = vm.VmId, Disk = new VirtualMachineDisk { Name = "slow", HostPath = file } }, CancellationToken.None);
        await vm.ShellUntilAsync(Sizes, o => Lines(o).Contains("32768"), "the 16 MiB disk in the guest");

        await vm.Client.PauseAsync(new PauseRequest { ContainerId = vm.VmId }, CancellationToken.None);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var refused = await Assert.ThrowsAsync<GrpcException>(() => vm.Client.DetachDiskAsync(new DetachDiskRequest { ContainerId = vm.VmId, Name = "slow" }, CancellationToken.None));
        var waited = clock.Elapsed;
        var stillAttached = await vm.StatusAsync();
        await vm.Client.ResumeAsync(new ResumeRequest { ContainerId = vm.VmId }, CancellationToken.None);
        // Resumed, the guest acts on the unplug request it was sent while paused.
        await vm.ShellUntilAsync(Sizes, o => !Lines(o).Contains("32768"), "the guest to release the disk after resume");
        await vm.Client.DetachDiskAsync(new DetachDiskRequest { ContainerId = vm.VmId, Name = "slow" }, CancellationToken.None);

        Assert.Equal(GrpcStatusCode.FailedPrecondition, refused.StatusCode);
        Assert.Contains("disk slow of VM", refused.Message, StringComparison.Ordinal);
        Assert.Contains("is still attached: the guest did not release it within 25 s", refused.Message, StringComparison.Ordinal);
        Assert.InRange(waited, UnplugTimeout, UnplugTimeout + TimeSpan.FromSeconds(15));
        Assert.Contains(stillAttached.Disks, d => d.Name == "slow");
        Assert.DoesNotContain((await vm.StatusAsync()).Disks, d => d.Name == "slow");
    }

    [Fact]
    public async Task LiveAttachedDisk_AfterRestart_IsColdPluggedAndStillDetachable()
    {
        // 40 MiB = 81920 sectors.
        string file = Path.Combine(vm.Directory, "keep.img");
        await using (var stream = File.Create(file))
        {
            stream.SetLength(40 * MiB);
        }

        const string Sizes = "cat /sys/block/vd*/size";
        await vm.Client.AttachDiskAsync(new AttachDiskRequest { ContainerId = vm.VmId, Disk = new VirtualMachineDisk { Name = "keep", HostPath = file } }, CancellationToken.None);
        await vm.ShellUntilAsync(Sizes, o => Lines(o).Contains("81920"), "the 40 MiB disk in the guest");

        await vm.Client.StopContainerAsync(new Ursa.Cri.V1.StopContainerRequest { ContainerId = vm.VmId, Timeout = 0 }, CancellationToken.None);
        await vm.Client.StartContainerAsync(new Ursa.Cri.V1.StartContainerRequest { ContainerId = vm.VmId }, CancellationToken.None);
        var restarted = await Eventually.UntilAsync(vm.StatusAsync, s => s.Booted, BootDeadline, s => $"VM {vm.VmId} to boot again (now {s})");
        string coldPlugged = await vm.ShellUntilAsync(Sizes, o => Lines(o).Contains("81920"), "the disk cold-plugged at the restart");
        await vm.Client.DetachDiskAsync(new DetachDiskRequest { ContainerId = vm.VmId, Name = "keep" }, CancellationToken.None);
        await vm.ShellUntilAsync(Sizes, o => !Lines(o).Contains("81920"), "the cold-plugged disk gone after detach");

        Assert.Equal(1, restarted.RestartCount);
        Assert.Contains(restarted.Disks, d => d.Name == "keep");
        Assert.Contains("81920", Lines(coldPlugged));
        Assert.DoesNotContain((await vm.StatusAsync()).Disks, d => d.Name == "keep");
    }

    [Fact]
    public async Task Errors_MapToGrpcStatusCodes()
    {
        async Task<GrpcStatusCode> CodeOf(Func<Task> call) => (await Assert.ThrowsAsync<GrpcException>(call)).StatusCode;

        Assert.Equal(GrpcStatusCode.NotFound, await CodeOf(() => vm.Client.DetachDiskAsync(new DetachDiskRequest { ContainerId = vm.VmId, Name = "nope" }, CancellationToken.None)));
        Assert.Equal(GrpcStatusCode.FailedPrecondition, await CodeOf(() => vm.Client.DetachNicAsync(new DetachNicRequest { ContainerId = vm.VmId, Name = "eth0" }, CancellationToken.None)));
        Assert.Equal(GrpcStatusCode.InvalidArgument, await CodeOf(() => vm.Client.AttachNicAsync(new AttachNicRequest { ContainerId = vm.VmId, Nic = new VirtualMachineNic { Name = "bad name" } }, CancellationToken.None)));
        Assert.Equal(GrpcStatusCode.InvalidArgument, await CodeOf(() => vm.Client.AttachDiskAsync(new AttachDiskRequest { ContainerId = vm.VmId, Disk = new VirtualMachineDisk { Name = "gone", HostPath = "/nonexistent/disk.img" } }, CancellationToken.None)));
        Assert.Equal(GrpcStatusCode.InvalidArgument, await CodeOf(() => vm.Client.ResizeAsync(new ResizeRequest { ContainerId = vm.VmId, Vcpus = -1 }, CancellationToken.None)));
        Assert.Equal(GrpcStatusCode.NotFound, await CodeOf(() => vm.Client.ResizeAsync(new ResizeRequest { ContainerId = "no-such-vm", Vcpus = 1 }, CancellationToken.None)));
    }

    [Fact]
    public async Task StoppedVm_AttachAndResize_OnlyChangeTheRecord()
    {
        string id = await vm.CreateVmAsync("cold");
        string file = Path.Combine(vm.Directory, "cold.img");
        await using (var stream = File.Create(file))
        {
            stream.SetLength(8 * MiB);
        }

        await vm.Client.AttachDiskAsync(new AttachDiskRequest { ContainerId = id, Disk = new VirtualMachineDisk { Name = "cold", HostPath = file } }, CancellationToken.None);
        await vm.Client.AttachNicAsync(new AttachNicRequest { ContainerId = id, Nic = new VirtualMachineNic { Name = "net9", MacAddress = "52:54:00:00:00:99" } }, CancellationToken.None);
        var resized = await vm.Client.ResizeAsync(new ResizeRequest { ContainerId = id, Vcpus = 2 }, CancellationToken.None);
        var status = await vm.StatusAsync(id);
        await vm.Client.DetachDiskAsync(new DetachDiskRequest { ContainerId = id, Name = "cold" }, CancellationToken.None);

        Assert.Equal(PowerState.Created, status.PowerState);
        Assert.Equal(["cold"], status.Disks.Select(d => d.Name));
        Assert.Equal([("eth0", VmManager.MacFor(id, "eth0")), ("net9", "52:54:00:00:00:99")], status.Nics.Select(n => (n.Name, n.MacAddress)));
        Assert.Equal((1, 2), (resized.Vcpus, resized.PendingVcpus));
        Assert.Equal("2 vCPUs at next start: the VM is not running", resized.Message);
        Assert.Empty((await vm.StatusAsync(id)).Disks);
        await vm.Client.RemoveContainerAsync(new Ursa.Cri.V1.RemoveContainerRequest { ContainerId = id }, CancellationToken.None);
    }

    private static List<string> Lines(string output) => [.. output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Order(StringComparer.Ordinal)];

    private static long MemTotalKiB(string output) => long.Parse(MemTotalPattern().Match(output).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);

    [GeneratedRegex(@"MemTotal:\s+(\d+) kB")]
    private static partial Regex MemTotalPattern();
}
