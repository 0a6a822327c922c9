using Ursa.Api.Core;
using Ursa.Api.Meta;
using Ursa.Cri.Vm;
using Ursa.NodeAgent.VirtualMachines;

namespace Ursa.UnitTests.NodeAgent.VirtualMachines;

public sealed class VmDevicePlannerTests
{
    private const long Mi = 1L << 20;

    private static Pod Pod(string[] nics, string[] disks, string cpu = "1", string memory = "256Mi") => new()
    {
        Metadata = new ObjectMeta { Name = "vm-pod", Namespace = "default", Uid = "u1" },
        Spec = new PodSpec
        {
            Nics = [.. nics.Select(n => new Nic { Name = n })],
            Volumes = [.. disks.Select(d => new Volume { Name = d, HostPath = new HostPathVolumeSource { Path = $"/disks/{d}.img" } })],
            VirtualMachine = new VirtualMachine
            {
                Name = "vm",
                Image = "ursa.local/guest/busybox:latest",
                Resources = new ResourceRequirements { Limits = new() { ["cpu"] = cpu, ["memory"] = memory } },
                VolumeDevices = [.. disks.Select(d => new VolumeDevice { Name = d, DevicePath = "/dev/vd" + d })],
            },
        },
    };

    private static VirtualMachineStatusResponse Status(string[] nics, string[] disks, int vcpus = 1, long memory = 256 * Mi, int pendingVcpus = 0, long pendingMemory = 0) => new()
    {
        PowerState = PowerState.Running,
        Vcpus = vcpus,
        MemoryBytes = memory,
        PendingVcpus = pendingVcpus,
        PendingMemoryBytes = pendingMemory,
        Nics = { nics.Select(n => new VirtualMachineNic { Name = n }) },
        Disks = { disks.Select(d => new VirtualMachineDisk { Name = d, HostPath = $"/disks/{d}.img" }) },
    };

    [Fact]
    public void A_vm_that_matches_its_spec_needs_nothing()
    {
        var plan = VmDevicePlanner.Plan(Pod(["eth0", "eth1"], ["data"]), Status(["eth0", "eth1"], ["data"]));

        Assert.True(plan.IsEmpty);
    }

    [Fact]
    public void New_nics_and_disks_are_attached_and_removed_ones_detached_the_primary_nic_never()
    {
        var plan = VmDevicePlanner.Plan(Pod(["eth0", "eth2"], ["logs"]), Status(["eth0", "eth1"], ["data"]));

        Assert.Equal(["eth2"], plan.AttachNics.Select(n => n.Name));
        Assert.Equal(["eth1"], plan.DetachNics);
        var disk = Assert.Single(plan.AttachDisks);
        Assert.Equal(("logs", "/disks/logs.img"), (disk.Name, disk.HostPath));
        Assert.Equal(["data"], plan.DetachDisks);
        Assert.Null(plan.Resize);
    }

    [Fact]
    public void The_first_spec_nic_is_the_pod_network_whatever_its_name()
    {
        var plan = VmDevicePlanner.Plan(Pod(["net0", "eth1"], []), Status(["eth0", "eth1"], []));

        Assert.True(plan.IsEmpty);
    }

    [Fact]
    public void A_disk_whose_volume_is_not_a_host_path_is_not_attached()
    {
        var pod = Pod(["eth0"], ["data"]);
        pod.Spec!.Volumes![0].HostPath = null;

        var plan = VmDevicePlanner.Plan(pod, Status(["eth0"], []));

        Assert.Empty(plan.AttachDisks);
    }

    [Theory]
    [InlineData("2", "256Mi", 1, 256, 0, 0, 2, 256)]
    [InlineData("1", "512Mi", 1, 256, 0, 0, 1, 512)]
    [InlineData("1", "256Mi", 2, 256, 0, 0, 1, 256)]
    public void A_size_the_vm_neither_has_nor_waits_for_is_asked_for(string cpu, string memory, int vcpus, long memoryMi, int pendingVcpus, long pendingMi, int wantVcpus, long wantMi)
    {
        var plan = VmDevicePlanner.Plan(Pod(["eth0"], [], cpu, memory), Status(["eth0"], [], vcpus, memoryMi * Mi, pendingVcpus, pendingMi * Mi));

        Assert.Equal(new VmSize(wantVcpus, wantMi * Mi), plan.Resize);
    }

    [Fact]
    public void A_size_already_pending_for_the_next_start_is_not_asked_for_again()
    {
        var plan = VmDevicePlanner.Plan(Pod(["eth0"], [], "1", "256Mi"), Status(["eth0"], [], vcpus: 2, memory: 512 * Mi, pendingVcpus: 1, pendingMemory: 256 * Mi));

        Assert.Null(plan.Resize);
    }
}
