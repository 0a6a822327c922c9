using Ursa.Api.Core;
using Ursa.Api.Meta;
using Ursa.NodeAgent.Pods;
using Ursa.NodeAgent.VirtualMachines;

namespace Ursa.UnitTests.NodeAgent.VirtualMachines;

public sealed class VirtualMachineConfigFactoryTests
{
    private static Pod Pod(Action<VirtualMachine>? change = null, Action<PodSpec>? spec = null)
    {
        var vm = new VirtualMachine { Name = "web", Image = "https://images.example/debian.qcow2" };
        change?.Invoke(vm);
        var pod = new Pod
        {
            Metadata = new ObjectMeta { Name = "web-pod", Namespace = "default", Uid = "u1" },
            Spec = new PodSpec { VirtualMachine = vm, Overhead = new() { ["cpu"] = "100m", ["memory"] = "128Mi" } },
        };
        spec?.Invoke(pod.Spec);
        return pod;
    }

    [Theory]
    [InlineData(null, null, null, null, 1, 256L << 20)]
    [InlineData("2", "1Gi", null, null, 2, 1L << 30)]
    [InlineData("1500m", null, null, null, 2, 256L << 20)]
    [InlineData(null, null, "500m", "512Mi", 1, 512L << 20)]
    [InlineData("4", "2Gi", "1", "1Gi", 4, 2L << 30)]
    public void Size_takes_limits_then_requests_whole_vcpus(string? cpuLimit, string? memLimit, string? cpuRequest, string? memRequest, int vcpus, long memory)
    {
        var resources = new ResourceRequirements
        {
            Limits = new Dictionary<string, string>(),
            Requests = new Dictionary<string, string>(),
        };
        if (cpuLimit is not null) resources.Limits["cpu"] = cpuLimit;
        if (memLimit is not null) resources.Limits["memory"] = memLimit;
        if (cpuRequest is not null) resources.Requests["cpu"] = cpuRequest;
        if (memRequest is not null) resources.Requests["memory"] = memRequest;

        Assert.Equal((vcpus, memory), VirtualMachineConfigFactory.Size(resources));
    }

    [Fact]
    public void Config_carries_image_sizes_overhead_guest_init_nics_and_host_path_disks()
    {
        var pod = Pod(vm =>
        {
            vm.Resources = new ResourceRequirements { Limits = new() { ["cpu"] = "2", ["memory"] = "1Gi" } };
            vm.UserData = Convert.ToBase64String("#cloud-config\n"u8.ToArray());
            vm.CloudInitUserDataScript = "#!/bin/sh\necho hi";
            vm.PublicKey = "ssh-ed25519 AAAA test@host\n";
            vm.VolumeDevices = [new VolumeDevice { Name = "data", DevicePath = "/dev/vdb" }, new VolumeDevice { Name = "nothere", DevicePath = "/dev/vdc" }];
        }, spec =>
        {
            spec.Nics = [new Nic { Name = "eth0" }, new Nic { Name = "eth1" }];
            spec.Volumes = [new Volume { Name = "data", HostPath = new HostPathVolumeSource { Path = "/var/lib/disks/data.img" } }];
        });

        var config = VirtualMachineConfigFactory.Create(pod);

        Assert.Equal(("web", "https://images.example/debian.qcow2", 2, 1L << 30), (config.Name, config.Image.Image, config.Vcpus, config.MemoryBytes));
        Assert.Equal(128L << 20, config.OverheadMemoryBytes);
        Assert.Equal(2100, config.CpuLimitMillis);
        Assert.Equal("#cloud-config\n", config.UserData.ToStringUtf8());
        Assert.Equal("#!/bin/sh\necho hi", config.UserDataScript);
        Assert.Equal(["ssh-ed25519 AAAA test@host"], config.SshPublicKeys);
        Assert.Equal(["eth1"], config.Nics.Select(n => n.Name));
        var disk = Assert.Single(config.Disks);
        Assert.Equal(("data", "/var/lib/disks/data.img", "/dev/vdb"), (disk.Name, disk.HostPath, disk.DevicePath));
        Assert.Equal("web-pod", config.Hostname);
        Assert.Equal("stop", config.ShutdownBehavior);
    }

    [Fact]
    public void Container_config_names_the_vm_labels_the_pod_and_logs_the_console()
    {
        var config = VirtualMachineConfigFactory.ContainerConfig(Pod(), 0);

        Assert.Equal(("web", 0u), (config.Metadata.Name, config.Metadata.Attempt));
        Assert.Equal("web/0.log", config.LogPath);
        Assert.Equal("u1", config.Labels[CriLabels.PodUid]);
        Assert.Equal("web", config.Labels[CriLabels.ContainerName]);
    }
}
