namespace Ursa.Runtimes.Containerd;

/// <summary>How long each stage of <see cref="ManagedContainerd.StartAsync"/> took (start-up figures for logs and benchmarks).</summary>
/// <param name="Network">Creating (or re-using) the network namespace.</param>
/// <param name="Registry">Starting the local registry until <c>/v2/</c> answered.</param>
/// <param name="Containerd">Starting containerd until its socket and <c>ctr version</c> answered.</param>
/// <param name="PauseImage">Building (when not cached) and importing the sandbox image.</param>
/// <param name="BusyboxImage">Building (when not cached) and pushing <c>ursa.local/busybox:latest</c>.</param>
public sealed record ManagedContainerdStartup(TimeSpan Network, TimeSpan Registry, TimeSpan Containerd, TimeSpan PauseImage, TimeSpan BusyboxImage)
{
    /// <summary>All stages together.</summary>
    public TimeSpan Total => Network + Registry + Containerd + PauseImage + BusyboxImage;
}
