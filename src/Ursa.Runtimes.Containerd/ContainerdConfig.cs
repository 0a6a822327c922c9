using System.Text;
using Ursa.Runtimes.Containerd.Internal;

namespace Ursa.Runtimes.Containerd;

/// <summary>
/// Pure: <see cref="ContainerdOptions"/> → the text of containerd's <c>config.toml</c> and of the registry
/// hosts file that maps <see cref="ContainerdOptions.RegistryHost"/> to the local registry.
/// </summary>
/// <remarks>Each setting below was needed on a real machine (see shared/reference/this-machine.md); the
/// comment in the emitted file says why, so an operator reading it does not "fix" it back.</remarks>
public static class ContainerdConfig
{
    private const string Cri = "plugins.\"io.containerd.grpc.v1.cri\"";

    /// <summary>The containerd config for <paramref name="options"/> (config format version 2, containerd 1.6+).</summary>
    public static string Render(ContainerdOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var toml = new StringBuilder();
        toml.Append("# Written by Ursa (managed containerd). Regenerated at every start: edit ContainerdOptions instead.\n");
        toml.Append("version = 2\n");
        toml.Append("root = ").Append(Toml.Quote(options.RootDirectory)).Append('\n');
        toml.Append("state = ").Append(Toml.Quote(options.StateDirectory)).Append('\n');
        // Snapshotters that cannot work here only add start-up warnings.
        toml.Append("disabled_plugins = [\"io.containerd.snapshotter.v1.aufs\", \"io.containerd.snapshotter.v1.btrfs\", \"io.containerd.snapshotter.v1.devmapper\", \"io.containerd.snapshotter.v1.zfs\"]\n");
        toml.Append('\n');
        toml.Append("[grpc]\n");
        toml.Append("  address = ").Append(Toml.Quote(options.SocketPath)).Append('\n');
        toml.Append('\n');
        // The opt plugin would otherwise create /opt/containerd on the host.
        toml.Append("[plugins.\"io.containerd.internal.v1.opt\"]\n");
        toml.Append("  path = ").Append(Toml.Quote(Path.Combine(options.DataDirectory, "opt"))).Append('\n');
        toml.Append('\n');
        toml.Append('[').Append(Cri).Append("]\n");
        // Never pulled: LocalImages imports it, because this containerd may have no route to any registry.
        toml.Append("  sandbox_image = ").Append(Toml.Quote(options.SandboxImage)).Append('\n');
        // Without CAP_SYS_RESOURCE (sandboxes, unprivileged hosts) runc fails every sandbox that asks for a
        // lower oom_score_adj than containerd's own; clamping keeps pods running.
        toml.Append("  restrict_oom_score_adj = true\n");
        toml.Append("  disable_apparmor = true\n");
        toml.Append("  enable_selinux = false\n");
        // The streaming server behind CRI Exec/Attach/PortForward URLs: loopback of containerd's namespace (ursa0)
        // on a random port, reachable only through NetworkNamespaceDialer. These are containerd 1.6's defaults,
        // written out because the dialer depends on them.
        toml.Append("  stream_server_address = \"127.0.0.1\"\n");
        toml.Append("  stream_server_port = \"0\"\n");
        // Pod network namespaces under our state dir, not /var/run/netns, so they never mix with the host's.
        toml.Append("  netns_mounts_under_state_dir = true\n");
        toml.Append("  [").Append(Cri).Append(".containerd]\n");
        toml.Append("    snapshotter = \"overlayfs\"\n");
        toml.Append("    default_runtime_name = \"runc\"\n");
        toml.Append("    [").Append(Cri).Append(".containerd.runtimes.runc]\n");
        toml.Append("      runtime_type = \"io.containerd.runc.v2\"\n");
        toml.Append("      [").Append(Cri).Append(".containerd.runtimes.runc.options]\n");
        // cgroupfs driver: Ursa's agent writes cgroup paths itself and systemd may not be PID 1.
        toml.Append("        SystemdCgroup = false\n");
        toml.Append("  [").Append(Cri).Append(".cni]\n");
        toml.Append("    bin_dir = ").Append(Toml.Quote(options.Tools.CniBinDirectory)).Append('\n');
        toml.Append("    conf_dir = ").Append(Toml.Quote(options.CniConfigDirectory)).Append('\n');
        toml.Append("    max_conf_num = 1\n");
        toml.Append("  [").Append(Cri).Append(".registry]\n");
        toml.Append("    config_path = ").Append(Toml.Quote(options.RegistryHostsDirectory)).Append('\n');
        return toml.ToString();
    }

    /// <summary>Where <see cref="RenderRegistryHosts"/> goes: <c>certs.d/HOST/hosts.toml</c>.</summary>
    public static string RegistryHostsPath(ContainerdOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return Path.Combine(options.RegistryHostsDirectory, options.RegistryHost, "hosts.toml");
    }

    /// <summary>
    /// The hosts file that sends pulls of <c>RegistryHost/...</c> to the local registry over plain HTTP. Used by
    /// the CRI plugin (inside the namespace) and by <c>ctr images pull --hosts-dir</c>.
    /// </summary>
    public static string RenderRegistryHosts(ContainerdOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        string url = Toml.Quote("http://" + options.RegistryAddress);
        var toml = new StringBuilder();
        toml.Append("# Written by Ursa: ").Append(options.RegistryHost).Append(" is the local registry inside network namespace ")
            .Append(options.NetworkNamespace).Append(".\n");
        toml.Append("server = ").Append(url).Append('\n');
        toml.Append('\n');
        toml.Append("[host.").Append(url).Append("]\n");
        toml.Append("  capabilities = [\"pull\", \"resolve\", \"push\"]\n");
        return toml.ToString();
    }
}
