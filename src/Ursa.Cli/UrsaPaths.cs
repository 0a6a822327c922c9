namespace Ursa.Cli;

/// <summary>Where Ursa keeps its files: <c>$URSA_HOME</c> (default <c>~/.ursa</c>) with data/ and kubeconfig.</summary>
public static class UrsaPaths
{
    public static string Home =>
        Environment.GetEnvironmentVariable("URSA_HOME") is { Length: > 0 } home
            ? Path.GetFullPath(home)
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".ursa");

    public static string DataDirectory => Path.Combine(Home, "data");

    public static string Kubeconfig => Path.Combine(Home, "kubeconfig");

    /// <summary>The node agent's root: pod logs and volumes.</summary>
    public static string AgentDirectory => Path.Combine(Home, "agent");

    /// <summary>Managed containerd's data: its root, state, registry and images.</summary>
    public static string ContainerdDirectory => Path.Combine(Home, "containerd");

    /// <summary>The VM runtime's root (VMs, sandboxes, disk images) and socket under <c>ursa up</c>.</summary>
    public static string VmRuntimeDirectory => Path.Combine(Home, "vm-runtime");
}
