using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;

namespace Ursa.Runtimes.Containerd;

/// <summary>
/// How Ursa runs its own containerd, network namespace and local registry (<c>ursa up</c> without an
/// endpoint). Every path the daemons write to is under <see cref="DataDirectory"/>.
/// </summary>
public sealed partial class ContainerdOptions
{
    /// <summary>Root of everything managed containerd keeps: its root and state, configs, the registry's
    /// blobs, cached image layouts, logs and pid files. Default <c>/var/lib/ursa/containerd</c>.</summary>
    public string DataDirectory { get; set; } = "/var/lib/ursa/containerd";

    /// <summary>Network namespace (under <c>/var/run/netns</c>) that containerd, the registry and all pods'
    /// bridge live in, so no pod traffic reaches the host's interfaces. Default <c>ursa0</c>.</summary>
    public string NetworkNamespace { get; set; } = "ursa0";

    /// <summary>Linux bridge the CNI plugin creates inside <see cref="NetworkNamespace"/> (at most 15 bytes).
    /// Default <c>ursabr0</c>.</summary>
    public string BridgeName { get; set; } = "ursabr0";

    /// <summary>IPv4 CIDR pods get addresses from. It exists only inside <see cref="NetworkNamespace"/>, which
    /// has no route out, so it must be a private range; a /16 gives 65,534 pod addresses. Default
    /// <c>10.88.0.0/16</c> (the range containerd's own sample CNI config uses).</summary>
    public string PodSubnet { get; set; } = "10.88.0.0/16";

    /// <summary>Registry host name that pods use in image references; containerd maps it to the local
    /// registry (<c>ursa.local/busybox:latest</c>). Default <c>ursa.local</c>.</summary>
    public string RegistryHost { get; set; } = "ursa.local";

    /// <summary>Port the local registry listens on at 127.0.0.1 inside <see cref="NetworkNamespace"/>. That
    /// loopback is the namespace's own, so this never collides with a registry on the host. Default 5000.</summary>
    public int RegistryPort { get; set; } = 5000;

    /// <summary>Pod sandbox ("pause") image; built locally and imported at start, never pulled. Default
    /// <c>ursa.local/pause:latest</c>.</summary>
    public string SandboxImage { get; set; } = "ursa.local/pause:latest";

    /// <summary>Time allowed for containerd or the registry to answer after start. Default 15 s: containerd
    /// answers in ~0.1 s here, but a first start on a slow disk loads ~40 plugins and creates its bolt DB.</summary>
    public TimeSpan StartTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Time between SIGTERM and SIGKILL when stopping containerd or the registry. Default 10 s:
    /// containerd closes its bolt DB and gRPC server in well under a second; shims and containers keep running.</summary>
    public TimeSpan StopGracePeriod { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Where the tools live; defaults are Debian 12's package paths.</summary>
    public ContainerdToolPaths Tools { get; set; } = new();

    /// <summary>containerd's own config file.</summary>
    public string ConfigPath => Path.Combine(DataDirectory, "containerd.toml");

    /// <summary>containerd's gRPC socket (CRI and containerd APIs).</summary>
    public string SocketPath => Path.Combine(DataDirectory, "containerd.sock");

    /// <summary>containerd's persistent root (content store, snapshots, metadata).</summary>
    public string RootDirectory => Path.Combine(DataDirectory, "root");

    /// <summary>containerd's state directory (runtime state, pod netns mounts).</summary>
    public string StateDirectory => Path.Combine(DataDirectory, "state");

    /// <summary>Our CNI network config directory (one bridge conflist).</summary>
    public string CniConfigDirectory => Path.Combine(DataDirectory, "cni");

    /// <summary>containerd's registry hosts directory (<c>HOST/hosts.toml</c>); also usable as
    /// <c>ctr images pull --hosts-dir</c>.</summary>
    public string RegistryHostsDirectory => Path.Combine(DataDirectory, "certs.d");

    /// <summary>The local registry's config and storage.</summary>
    public string RegistryDirectory => Path.Combine(DataDirectory, "registry");

    /// <summary>Cached OCI image layouts built from Debian packages.</summary>
    public string ImagesDirectory => Path.Combine(DataDirectory, "images");

    /// <summary>Daemon logs (containerd.log, registry.log).</summary>
    public string LogDirectory => Path.Combine(DataDirectory, "log");

    /// <summary>Pid files of the daemons Ursa started, used to re-adopt or clean them after a crash.</summary>
    public string RunDirectory => Path.Combine(DataDirectory, "run");

    /// <summary>The bind mount <c>ip netns</c> keeps for <see cref="NetworkNamespace"/>.</summary>
    public string NetworkNamespacePath => "/var/run/netns/" + NetworkNamespace;

    /// <summary>The registry as seen from inside the namespace: <c>127.0.0.1:PORT</c>.</summary>
    public string RegistryAddress => "127.0.0.1:" + RegistryPort.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Throws when the options cannot work.</summary>
    public void Validate()
    {
        RequireAbsolute(DataDirectory, nameof(DataDirectory));
        // skopeo's oci:PATH:TAG and docker-archive:PATH:REF references split at the first colon.
        if (DataDirectory.Contains(':', StringComparison.Ordinal))
        {
            throw new ArgumentException($"data directory '{DataDirectory}' must not contain ':'", nameof(DataDirectory));
        }

        if (!NamePattern().IsMatch(NetworkNamespace))
        {
            throw new ArgumentException($"network namespace name '{NetworkNamespace}' must be 1-64 of [A-Za-z0-9_.-]", nameof(NetworkNamespace));
        }

        // IFNAMSIZ is 16 including the terminating NUL.
        if (!NamePattern().IsMatch(BridgeName) || Encoding.UTF8.GetByteCount(BridgeName) > 15)
        {
            throw new ArgumentException($"bridge name '{BridgeName}' must be 1-15 of [A-Za-z0-9_.-]", nameof(BridgeName));
        }

        _ = ParsePodSubnet(PodSubnet);
        if (!HostPattern().IsMatch(RegistryHost))
        {
            throw new ArgumentException($"registry host '{RegistryHost}' must be a DNS name", nameof(RegistryHost));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(RegistryPort, 1, nameof(RegistryPort));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(RegistryPort, 65535, nameof(RegistryPort));
        ArgumentException.ThrowIfNullOrWhiteSpace(SandboxImage, nameof(SandboxImage));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(StartTimeout, TimeSpan.Zero, nameof(StartTimeout));
        ArgumentOutOfRangeException.ThrowIfLessThan(StopGracePeriod, TimeSpan.Zero, nameof(StopGracePeriod));

        // sockaddr_un.sun_path is 108 bytes including the NUL: a longer path fails at bind with a vague error.
        if (Encoding.UTF8.GetByteCount(SocketPath) > 107)
        {
            throw new ArgumentException($"socket path '{SocketPath}' is longer than the 107 bytes a unix socket allows; use a shorter data directory", nameof(DataDirectory));
        }

        ArgumentNullException.ThrowIfNull(Tools, nameof(Tools));
        Tools.Validate();
    }

    /// <summary>Parses <paramref name="cidr"/> as a private IPv4 network with a prefix of 8 to 28 bits and
    /// no host bits set; throws <see cref="ArgumentException"/> otherwise.</summary>
    public static (IPAddress Network, int PrefixLength) ParsePodSubnet(string cidr)
    {
        ArgumentNullException.ThrowIfNull(cidr);
        if (!IPNetwork.TryParse(cidr, out IPNetwork network) || network.BaseAddress.AddressFamily != AddressFamily.InterNetwork)
        {
            throw new ArgumentException($"pod subnet '{cidr}' is not an IPv4 CIDR like 10.88.0.0/16", nameof(PodSubnet));
        }

        // IPNetwork masks host bits away silently; 10.88.0.1/16 is more likely a typo than a wish for 10.88.0.0/16.
        if (!string.Equals(network.ToString(), cidr.Trim(), StringComparison.Ordinal))
        {
            throw new ArgumentException($"pod subnet '{cidr}' has host bits set; did you mean {network}?", nameof(PodSubnet));
        }

        // /28 leaves 13 pod addresses after network, gateway and broadcast; /8 is the largest private block.
        if (network.PrefixLength is < 8 or > 28)
        {
            throw new ArgumentException($"pod subnet '{cidr}' needs a prefix between /8 and /28", nameof(PodSubnet));
        }

        // The whole subnet must sit inside one RFC 1918 block: a public range here would shadow real addresses
        // for anything that ever shares the namespace.
        bool isPrivate = PrivateBlocks.Any(block => block.Contains(network.BaseAddress) && network.PrefixLength >= block.PrefixLength);
        if (!isPrivate)
        {
            throw new ArgumentException($"pod subnet '{cidr}' must lie inside 10.0.0.0/8, 172.16.0.0/12 or 192.168.0.0/16", nameof(PodSubnet));
        }

        return (network.BaseAddress, network.PrefixLength);
    }

    private static readonly IPNetwork[] PrivateBlocks =
        [IPNetwork.Parse("10.0.0.0/8"), IPNetwork.Parse("172.16.0.0/12"), IPNetwork.Parse("192.168.0.0/16")];

    internal static void RequireAbsolute(string path, string name)
    {
        if (string.IsNullOrWhiteSpace(path) || !Path.IsPathFullyQualified(path))
        {
            throw new ArgumentException($"{name} '{path}' must be an absolute path", name);
        }
    }

    [GeneratedRegex("^[A-Za-z0-9_.-]{1,64}$")]
    private static partial Regex NamePattern();

    [GeneratedRegex("^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$")]
    private static partial Regex HostPattern();
}
