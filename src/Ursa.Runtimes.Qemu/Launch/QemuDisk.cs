namespace Ursa.Runtimes.Qemu.Launch;

/// <summary>A disk QEMU opens: its name (device ids derive from it), host file, format and mode.</summary>
/// <param name="Name">Unique among the VM's disks; the QEMU node is <c>disk-NAME</c>, the device <c>virtio-disk-NAME</c>.</param>
/// <param name="Path">Host path of the image file or block device.</param>
/// <param name="Format"><c>qcow2</c> or <c>raw</c>.</param>
/// <param name="ReadOnly">Opened read-only (the NoCloud seed).</param>
public sealed record QemuDisk(string Name, string Path, string Format, bool ReadOnly = false)
{
    /// <summary>The block node name.</summary>
    public string NodeName => "disk-" + Name;

    /// <summary>The virtio-blk device id.</summary>
    public string DeviceId => "virtio-disk-" + Name;

    /// <summary>The PCIe root port a detachable disk sits on alone (see <see cref="Detachable"/>).</summary>
    public string PortId => "port-" + DeviceId;

    /// <summary>
    /// Can be unplugged later: placed on a root port of its own (<see cref="PortId"/>), since a device on the
    /// root bus itself cannot be hot-unplugged.
    /// </summary>
    public bool Detachable { get; init; }

    /// <summary>A host block device (QEMU's <c>host_device</c> driver) rather than a regular file (<c>file</c>).</summary>
    public bool HostDevice { get; init; }

    /// <summary>The protocol driver that opens <see cref="Path"/>.</summary>
    public string FileDriver => HostDevice ? "host_device" : "file";
}
