namespace Ursa.Runtimes.Qemu.Launch;

/// <summary>A virtio NIC backed by a tap device that QEMU opens by name (QEMU runs in the pod's network namespace).</summary>
/// <param name="Name">Unique among the VM's NICs; the netdev is <c>net-NAME</c>, the device <c>nic-NAME</c>.</param>
/// <param name="TapName">The tap interface in the pod's network namespace.</param>
/// <param name="MacAddress">The guest-side MAC.</param>
public sealed record QemuNic(string Name, string TapName, string MacAddress)
{
    /// <summary>The netdev id.</summary>
    public string NetdevId => "net-" + Name;

    /// <summary>The virtio-net device id.</summary>
    public string DeviceId => "nic-" + Name;

    /// <summary>The PCIe root port a detachable NIC sits on alone (see <see cref="Detachable"/>).</summary>
    public string PortId => "port-" + DeviceId;

    /// <summary>Can be unplugged later: placed on a root port of its own (<see cref="PortId"/>); the primary NIC is not.</summary>
    public bool Detachable { get; init; }
}
