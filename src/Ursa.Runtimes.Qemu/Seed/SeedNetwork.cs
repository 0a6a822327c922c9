namespace Ursa.Runtimes.Qemu.Seed;

/// <summary>The VM's interface on the pod network, as the guest should configure it.</summary>
/// <param name="MacAddress">The NIC's MAC (<c>52:54:00:..</c>): the guest finds the interface by it.</param>
/// <param name="Address">IP and prefix, e.g. <c>10.88.0.5/16</c>; null: DHCP.</param>
/// <param name="Gateway">The default gateway, e.g. <c>10.88.0.1</c>, or null.</param>
/// <param name="Nameservers">DNS servers, or empty.</param>
public sealed record SeedNetwork(string MacAddress, string? Address, string? Gateway, IReadOnlyList<string>? Nameservers = null)
{
    /// <summary>The interface's id in network-config (matched by MAC, so the guest's own name for it does not matter).</summary>
    public string InterfaceId { get; init; } = "eth0";
}
