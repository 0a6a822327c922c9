using Ursa.Runtimes.Qemu.Launch;
using Ursa.Runtimes.Qemu.Network;

namespace Ursa.Runtimes.Qemu;

/// <summary>Settings of one VM runtime (<c>ursa vm-runtime</c>).</summary>
public sealed record VmRuntimeOptions
{
    /// <summary>Where VMs, sandboxes and images are kept.</summary>
    public required string RootDirectory { get; init; }

    public string QemuBinary { get; init; } = "/usr/bin/qemu-system-x86_64";

    /// <summary>The accelerator VMs use (decided at start-up by probing KVM).</summary>
    public QemuAccelerator Accelerator { get; init; } = QemuAccelerator.Tcg;

    /// <summary>The pod network VM pods join.</summary>
    public PodNetworkOptions Network { get; init; } = new();

    /// <summary>Registry host → endpoint URL (e.g. <c>ursa.local</c> → <c>http://127.0.0.1:5000</c>) for OCI disk images.</summary>
    public IReadOnlyDictionary<string, string> RegistryMirrors { get; init; } = new Dictionary<string, string>();

    /// <summary>How long a started QEMU may take to open its QMP socket.</summary>
    public TimeSpan LaunchTimeout { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>
    /// How long a detach waits for the guest to release a device (QMP <c>DEVICE_DELETED</c>). Linux's PCIe hot-plug
    /// driver waits 5 s after the attention button before powering the slot off; TCG on a busy host adds more.
    /// </summary>
    public TimeSpan UnplugTimeout { get; init; } = TimeSpan.FromSeconds(45);

    /// <summary>vCPUs a VM can grow to by hot-add when its config sets no maximum.</summary>
    public int DefaultMaxVcpus { get; init; } = Math.Max(2, Environment.ProcessorCount);

    /// <summary>Memory hot-add room when the config sets no maximum: this many times the guest's memory.</summary>
    public int DefaultMaxMemoryFactor { get; init; } = 4;

    /// <summary>Where VM sockets, disks and state live.</summary>
    public string VmsDirectory => Path.Combine(RootDirectory, "vms");

    public string SandboxesDirectory => Path.Combine(RootDirectory, "sandboxes");

    public string ImagesDirectory => Path.Combine(RootDirectory, "images");
}
