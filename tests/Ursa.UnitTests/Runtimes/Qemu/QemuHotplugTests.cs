using System.Text.Json.Nodes;
using Ursa.Runtimes.Qemu.Launch;

namespace Ursa.UnitTests.Runtimes.Qemu;

public sealed class QemuHotplugTests
{
    // query-hotpluggable-cpus of QEMU 7.2, q35, -smp 1,maxcpus=4 (highest slot first, the boot CPU filled).
    private const string FourSlotsOneFilled = """
        [
          {"props": {"core-id": 0, "thread-id": 0, "socket-id": 3}, "vcpus-count": 1, "type": "max-x86_64-cpu"},
          {"props": {"core-id": 0, "thread-id": 0, "socket-id": 2}, "vcpus-count": 1, "type": "max-x86_64-cpu"},
          {"props": {"core-id": 0, "thread-id": 0, "socket-id": 1}, "vcpus-count": 1, "type": "max-x86_64-cpu"},
          {"props": {"core-id": 0, "thread-id": 0, "socket-id": 0}, "vcpus-count": 1, "qom-path": "/machine/unattached/device[0]", "type": "max-x86_64-cpu"}
        ]
        """;

    private static JsonArray Slots() => JsonNode.Parse(FourSlotsOneFilled)!.AsArray();

    [Fact]
    public void Disk_hotplug_uses_the_cold_plug_ids_on_the_given_port()
    {
        var disk = new QemuDisk("data", "/var/vm/data.qcow2", "qcow2", ReadOnly: true);
        Assert.Equal(
            """{"driver":"qcow2","node-name":"disk-data","read-only":true,"file":{"driver":"file","filename":"/var/vm/data.qcow2"}}""",
            QemuHotplug.Blockdev(disk).ToJsonString());
        Assert.Equal(
            """{"driver":"virtio-blk-pci","id":"virtio-disk-data","drive":"disk-data","bus":"hotplug2"}""",
            QemuHotplug.DiskDevice(disk, "hotplug2").ToJsonString());
        Assert.Equal("host_device", QemuHotplug.Blockdev(disk with { HostDevice = true })["file"]!["driver"]!.GetValue<string>());
    }

    [Fact]
    public void Nic_hotplug_opens_the_tap_by_name_and_keeps_the_mac()
    {
        var nic = new QemuNic("net1", "tap1", "52:54:00:aa:bb:cc");
        Assert.Equal(
            """{"type":"tap","id":"net-net1","ifname":"tap1","script":"no","downscript":"no"}""",
            QemuHotplug.Netdev(nic).ToJsonString());
        Assert.Equal(
            """{"driver":"virtio-net-pci","id":"nic-net1","netdev":"net-net1","mac":"52:54:00:aa:bb:cc","bus":"hotplug1"}""",
            QemuHotplug.NicDevice(nic, "hotplug1").ToJsonString());
    }

    [Fact]
    public void Dimm_is_a_ram_backend_plus_a_pc_dimm_on_it()
    {
        var id = QemuHotplug.DimmId(2);
        Assert.Equal("""{"qom-type":"memory-backend-ram","id":"mem-dimm2","size":268435456}""", QemuHotplug.MemoryBackend(id, 256L << 20).ToJsonString());
        Assert.Equal("""{"driver":"pc-dimm","id":"dimm2","memdev":"mem-dimm2"}""", QemuHotplug.DimmDevice(id).ToJsonString());
    }

    [Fact]
    public void Cpu_devices_fill_the_lowest_empty_slots_with_their_props()
    {
        var devices = QemuHotplug.CpuDevices(Slots(), 3);
        Assert.Equal(
            [
                """{"driver":"max-x86_64-cpu","id":"cpu-1-0-0","core-id":0,"thread-id":0,"socket-id":1}""",
                """{"driver":"max-x86_64-cpu","id":"cpu-2-0-0","core-id":0,"thread-id":0,"socket-id":2}""",
            ],
            devices.Select(d => d.ToJsonString()));
    }

    [Theory]
    [InlineData(1, 0)]
    [InlineData(2, 1)]
    [InlineData(4, 3)]
    public void Cpu_devices_add_only_what_is_missing(int target, int added)
    {
        Assert.Equal(added, QemuHotplug.CpuDevices(Slots(), target).Count);
    }

    [Fact]
    public void Cpu_devices_beyond_maxcpus_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => QemuHotplug.CpuDevices(Slots(), 5));
    }

    [Theory]
    [InlineData(6, new int[0], 1)]
    [InlineData(6, new[] { 0, 0, 1, 3 }, 2)]
    [InlineData(3, new[] { 1, 2, 3 }, null)]
    [InlineData(0, new int[0], null)]
    public void Free_port_is_the_lowest_unused_one(int ports, int[] used, int? expected)
    {
        Assert.Equal(expected, QemuHotplug.FreePort(ports, used));
    }
}
