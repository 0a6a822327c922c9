namespace Ursa.Runtimes.Qemu;

/// <summary>
/// Runs a short-lived tool (qemu-img, genisoimage) to completion and collects its output. The seam between the
/// VM runtime and the host: unit tests pass a fake that records the command lines instead of running them.
/// A copy of Ursa.Runtimes.Containerd's seam, so the VM runtime does not depend on the containerd project.
/// </summary>
/// <remarks>Implementations must be safe to call concurrently, and kill the process they started (by its own
/// PID) when the cancellation token fires.</remarks>
public interface ICommandRunner
{
    /// <summary>Runs <paramref name="command"/>; returns its exit status and output whatever the status.</summary>
    Task<CommandResult> RunAsync(CommandLine command, CancellationToken cancellationToken);
}
