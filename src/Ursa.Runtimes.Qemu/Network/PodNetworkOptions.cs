namespace Ursa.Runtimes.Qemu.Network;

/// <summary>Which CNI network VM pods join: the same conflist (and so the same bridge and IP allocations) as the node's container runtime.</summary>
public sealed record PodNetworkOptions
{
    /// <summary>The CNI network configuration list (e.g. containerd's <c>10-ursa.conflist</c>); null: VM pods get no pod network.</summary>
    public string? ConfigListFile { get; init; }

    /// <summary>Where the CNI plugin binaries are.</summary>
    public string PluginDirectory { get; init; } = "/usr/lib/cni";

    /// <summary>The network namespace the pod bridge lives in (<c>ursa0</c> under <c>ursa up</c>); null: the runtime's own.</summary>
    public string? BridgeNamespace { get; init; }

    /// <summary>The <c>ip</c> tool.</summary>
    public string IpTool { get; init; } = "/usr/sbin/ip";

    /// <summary>The <c>nsenter</c> tool (runs plugins inside <see cref="BridgeNamespace"/>).</summary>
    public string NsenterTool { get; init; } = "/usr/bin/nsenter";
}
