namespace Ursa.Runtimes.Containerd;

/// <summary>Absolute paths of the host tools managed containerd uses. Defaults are where Debian 12's packages
/// put them (<c>containerd</c>, <c>runc</c>, <c>containernetworking-plugins</c>, <c>docker-registry</c>,
/// <c>skopeo</c>, <c>umoci</c>, <c>busybox-static</c>, <c>iproute2</c>, <c>util-linux</c>).</summary>
public sealed class ContainerdToolPaths
{
    /// <summary>The containerd daemon. Default <c>/usr/bin/containerd</c>.</summary>
    public string Containerd { get; set; } = "/usr/bin/containerd";

    /// <summary>containerd's CLI, used for readiness, image import and checks. Default <c>/usr/bin/ctr</c>.</summary>
    public string Ctr { get; set; } = "/usr/bin/ctr";

    /// <summary>Debian's distribution registry server. Default <c>/usr/bin/docker-registry</c>.</summary>
    public string Registry { get; set; } = "/usr/bin/docker-registry";

    /// <summary>Runs a program inside a network namespace. Default <c>/usr/bin/nsenter</c>.</summary>
    public string Nsenter { get; set; } = "/usr/bin/nsenter";

    /// <summary>Starts a daemon in its own session, so a terminal's Ctrl+C reaches Ursa, which then stops
    /// the daemon in order. Default <c>/usr/bin/setsid</c>.</summary>
    public string Setsid { get; set; } = "/usr/bin/setsid";

    /// <summary>iproute2's <c>ip</c>, for <c>ip netns</c>. Default <c>/usr/sbin/ip</c>.</summary>
    public string Ip { get; set; } = "/usr/sbin/ip";

    /// <summary>Packs a root filesystem into an OCI image layout. Default <c>/usr/bin/umoci</c>.</summary>
    public string Umoci { get; set; } = "/usr/bin/umoci";

    /// <summary>Copies images between layouts, archives and registries. Default <c>/usr/bin/skopeo</c>.</summary>
    public string Skopeo { get; set; } = "/usr/bin/skopeo";

    /// <summary>A statically linked busybox, the only binary in the built images. Default <c>/bin/busybox</c>
    /// (package <c>busybox-static</c>; the dynamic <c>busybox</c> package would need libc in the image).</summary>
    public string Busybox { get; set; } = "/bin/busybox";

    /// <summary>Shell used to start a daemon with its output appended to a log file. Default <c>/bin/sh</c>.</summary>
    public string Shell { get; set; } = "/bin/sh";

    /// <summary>Directory of CNI plugin binaries (bridge, host-local, loopback). Default <c>/usr/lib/cni</c>.</summary>
    public string CniBinDirectory { get; set; } = "/usr/lib/cni";

    /// <summary>Throws when a path is not absolute.</summary>
    public void Validate()
    {
        ContainerdOptions.RequireAbsolute(Containerd, nameof(Containerd));
        ContainerdOptions.RequireAbsolute(Ctr, nameof(Ctr));
        ContainerdOptions.RequireAbsolute(Registry, nameof(Registry));
        ContainerdOptions.RequireAbsolute(Nsenter, nameof(Nsenter));
        ContainerdOptions.RequireAbsolute(Setsid, nameof(Setsid));
        ContainerdOptions.RequireAbsolute(Ip, nameof(Ip));
        ContainerdOptions.RequireAbsolute(Umoci, nameof(Umoci));
        ContainerdOptions.RequireAbsolute(Skopeo, nameof(Skopeo));
        ContainerdOptions.RequireAbsolute(Busybox, nameof(Busybox));
        ContainerdOptions.RequireAbsolute(Shell, nameof(Shell));
        ContainerdOptions.RequireAbsolute(CniBinDirectory, nameof(CniBinDirectory));
    }
}
