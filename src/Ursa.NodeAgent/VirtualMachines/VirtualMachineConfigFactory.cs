using System.Globalization;
using Google.Protobuf;
using Ursa.ApiMachinery.Quantities;
using Ursa.Cri.V1;
using Ursa.Cri.Vm;
using Ursa.NodeAgent.Pods;

namespace Ursa.NodeAgent.VirtualMachines;

/// <summary>
/// Pure: a VM pod → what the VM runtime creates (<see cref="CreateVirtualMachineRequest"/> minus the sandbox id):
/// the "container" config (name, image, labels, log path) and the VM config (sizes, boot, guest init, NICs,
/// disks).
/// </summary>
public static class VirtualMachineConfigFactory
{
    /// <summary>vCPUs when the pod asks for no CPU.</summary>
    public const int DefaultVcpus = 1;

    /// <summary>Guest memory when the pod asks for none.</summary>
    public const long DefaultMemoryBytes = 256L << 20;

    /// <summary>The VM's container config (its log is the console log).</summary>
    public static ContainerConfig ContainerConfig(Pod pod, uint attempt)
    {
        var vm = pod.Spec?.VirtualMachine ?? throw new ArgumentException("not a VM pod", nameof(pod));
        var config = new ContainerConfig
        {
            Metadata = new ContainerMetadata { Name = vm.Name ?? "vm", Attempt = attempt },
            Image = new ImageSpec { Image = vm.Image ?? string.Empty },
            LogPath = $"{vm.Name}/{attempt}.log",
        };
        config.Labels.Add(SandboxConfigFactory.Labels(pod));
        config.Labels[CriLabels.ContainerName] = vm.Name ?? "vm";
        config.Annotations[CriLabels.GracePeriod] = (pod.Spec?.TerminationGracePeriodSeconds ?? 30).ToString(CultureInfo.InvariantCulture);
        return config;
    }

    /// <summary>The VM's config from the pod spec.</summary>
    public static VirtualMachineConfig Create(Pod pod)
    {
        var vm = pod.Spec?.VirtualMachine ?? throw new ArgumentException("not a VM pod", nameof(pod));
        var (vcpus, memory) = Size(vm.Resources);
        var config = new VirtualMachineConfig
        {
            Name = vm.Name ?? "vm",
            Image = new ImageSpec { Image = vm.Image ?? string.Empty },
            Vcpus = vcpus,
            MemoryBytes = memory,
            OverheadMemoryBytes = Bytes(pod.Spec?.Overhead, "memory") ?? 0,
            CpuLimitMillis = Milli(vm.Resources?.Limits, "cpu") is { } limit ? limit + (Milli(pod.Spec?.Overhead, "cpu") ?? 0) : 0,
            Kernel = vm.Kernel ?? string.Empty,
            Initrd = vm.Initrd ?? string.Empty,
            KernelArgs = vm.KernelArgs ?? string.Empty,
            UserDataScript = vm.CloudInitUserDataScript ?? string.Empty,
            ShutdownBehavior = vm.ShutdownBehavior ?? "stop",
            Hostname = pod.Metadata.Name ?? string.Empty,
        };
        if (vm.UserData is { Length: > 0 } userData)
        {
            config.UserData = ByteString.CopyFrom(Convert.FromBase64String(userData));
        }

        if (vm.PublicKey is { Length: > 0 } key)
        {
            config.SshPublicKeys.Add(key.Trim());
        }

        config.Nics.Add((pod.Spec?.Nics ?? []).Skip(1).Select(n => new VirtualMachineNic { Name = n.Name ?? string.Empty }));
        config.Disks.Add(Disks(pod));
        return config;
    }

    /// <summary>vCPUs (whole, at least 1) and guest memory the VM's resources ask for: limits, else requests.</summary>
    public static (int Vcpus, long MemoryBytes) Size(ResourceRequirements? resources)
    {
        var cpu = Milli(resources?.Limits, "cpu") ?? Milli(resources?.Requests, "cpu");
        var memory = Bytes(resources?.Limits, "memory") ?? Bytes(resources?.Requests, "memory");
        var vcpus = cpu is { } m ? (int)Math.Max(1, (m + 999) / 1000) : DefaultVcpus;
        return (vcpus, memory ?? DefaultMemoryBytes);
    }

    /// <summary>The VM's extra disks: each <c>volumeDevices</c> entry backed by a hostPath volume of the pod.</summary>
    public static IEnumerable<VirtualMachineDisk> Disks(Pod pod) =>
        (pod.Spec?.VirtualMachine?.VolumeDevices ?? [])
            .Select(d => (Device: d, Volume: pod.Spec?.Volumes?.FirstOrDefault(v => v.Name == d.Name)))
            .Where(p => p.Volume?.HostPath?.Path is { Length: > 0 })
            .Select(p => new VirtualMachineDisk { Name = p.Device.Name ?? string.Empty, HostPath = p.Volume!.HostPath!.Path!, DevicePath = p.Device.DevicePath ?? string.Empty });

    private static long? Milli(Dictionary<string, string>? values, string name) =>
        values?.TryGetValue(name, out var text) == true && Quantity.TryParse(text, out var q) ? q.MilliValue : null;

    private static long? Bytes(Dictionary<string, string>? values, string name) =>
        values?.TryGetValue(name, out var text) == true && Quantity.TryParse(text, out var q) ? q.Value : null;
}
