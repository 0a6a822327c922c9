namespace Ursa.Runtimes.Qemu.Network;

/// <summary>A VM pod's place on the pod network.</summary>
/// <param name="Namespace">The pod's network namespace name (under /var/run/netns).</param>
/// <param name="Address">The pod's IP address (the guest takes it); null when there is no pod network.</param>
/// <param name="PrefixLength">The subnet's prefix length.</param>
/// <param name="Gateway">The subnet's gateway, when CNI named one.</param>
public sealed record PodNetworkAttachment(string Namespace, string? Address, int PrefixLength, string? Gateway)
{
    /// <summary>The namespace's path, as nsenter and CNI take it.</summary>
    public string NamespacePath => "/var/run/netns/" + Namespace;
}
