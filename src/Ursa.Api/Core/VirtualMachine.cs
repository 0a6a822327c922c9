using System.Text.Json.Serialization;
using Ursa.Api.Schema;

namespace Ursa.Api.Core;

/// <summary>The virtual machine of a VM pod.</summary>
public sealed class VirtualMachine
{
    /// <summary>Name of the VM (DNS label).</summary>
    [Required]
    [JsonPropertyName("name")]
    public string? Name { get; set; }

    /// <summary>Disk image: an http(s) URL of a qcow2/raw image, or an OCI reference holding a disk image.</summary>
    [Required]
    [JsonPropertyName("image")]
    public string? Image { get; set; }

    /// <summary>Always, IfNotPresent or Never. Default IfNotPresent.</summary>
    [JsonPropertyName("imagePullPolicy")]
    public string? ImagePullPolicy { get; set; }

    /// <summary>Guest CPU and memory; the pod's request counts the whole guest plus a per-VM overhead.</summary>
    [JsonPropertyName("resources")]
    public ResourceRequirements? Resources { get; set; }

    /// <summary>Name of a key pair whose public key is installed in the guest (Arktos). Not supported yet: refused; use publicKey.</summary>
    [JsonPropertyName("keyPairName")]
    public string? KeyPairName { get; set; }

    /// <summary>SSH public key installed in the guest through cloud-init.</summary>
    [JsonPropertyName("publicKey")]
    public string? PublicKey { get; set; }

    /// <summary>cloud-init user data, base64, at most 64 KiB.</summary>
    [JsonPropertyName("userData")]
    public string? UserData { get; set; }

    /// <summary>A script run by cloud-init on first boot.</summary>
    [JsonPropertyName("cloudInitUserDataScript")]
    public string? CloudInitUserDataScript { get; set; }

    /// <summary>Running, Paused or Shutdown. Default Running.</summary>
    [JsonPropertyName("powerSpec")]
    public string? PowerSpec { get; set; }

    /// <summary>Extra disks attached to the guest, each naming a hostPath volume; added or removed live (hot-plug).</summary>
    [PatchMergeKey("devicePath")]
    [PatchStrategy("merge")]
    [JsonPropertyName("volumeDevices")]
    public List<VolumeDevice>? VolumeDevices { get; set; }

    /// <summary>Name of the volume to boot from instead of image (Arktos). Not supported yet: refused.</summary>
    [JsonPropertyName("bootVolume")]
    public string? BootVolume { get; set; }

    /// <summary>stop or terminate: what a guest-initiated shutdown does. Default stop.</summary>
    [JsonPropertyName("shutdownBehavior")]
    public string? ShutdownBehavior { get; set; }

    /// <summary>Kernel to boot directly (minimal guests); the image then holds the root disk.</summary>
    [JsonPropertyName("kernel")]
    public string? Kernel { get; set; }

    /// <summary>Initial ramdisk for direct kernel boot.</summary>
    [JsonPropertyName("initrd")]
    public string? Initrd { get; set; }

    /// <summary>Kernel command line for direct kernel boot.</summary>
    [JsonPropertyName("kernelArgs")]
    public string? KernelArgs { get; set; }
}
