namespace Ursa.Runtimes.Containerd.Internal;

/// <summary>An image LocalImages builds from busybox-static alone.</summary>
/// <param name="Name">Repository name, also the cache folder's name.</param>
/// <param name="AllApplets">Whether the rootfs gets a symlink per busybox applet (a usable shell image) or
/// only <c>/bin/busybox</c> (the pause image).</param>
/// <param name="Entrypoint">OCI config entrypoint; empty for none.</param>
/// <param name="Cmd">OCI config cmd.</param>
internal sealed record ImageRecipe(string Name, bool AllApplets, IReadOnlyList<string> Entrypoint, IReadOnlyList<string> Cmd)
{
    /// <summary>Bumped when a recipe changes, so cached layouts built by an older Ursa are rebuilt.</summary>
    public const int Version = 1;

    public const string Path = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    /// <summary><c>ursa.local/busybox:latest</c>: busybox with every applet linked, <c>sh</c> by default.</summary>
    public static ImageRecipe Busybox { get; } = new("busybox", AllApplets: true, [], ["sh"]);

    /// <summary>
    /// The pod sandbox image: it only has to hold the pod's namespaces open. busybox <c>sleep</c> as pid 1
    /// ignores SIGTERM, which is fine because containerd stops sandboxes with SIGKILL; 2^31-1 s is 68 years.
    /// </summary>
    public static ImageRecipe Pause { get; } = new("pause", AllApplets: false, ["/bin/busybox", "sleep", "2147483647"], []);
}
