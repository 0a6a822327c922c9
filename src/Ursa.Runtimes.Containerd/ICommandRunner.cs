namespace Ursa.Runtimes.Containerd;

/// <summary>
/// Runs a short-lived tool to completion and collects its output. The seam between the managed-containerd
/// code and the host: unit tests pass a fake that records the command lines instead of running them.
/// </summary>
/// <remarks>Implementations must be safe to call concurrently, and kill the process they started (by its own
/// PID) when the cancellation token fires.</remarks>
public interface ICommandRunner
{
    /// <summary>Runs <paramref name="command"/>; returns its exit status and output whatever the status.</summary>
    Task<CommandResult> RunAsync(CommandLine command, CancellationToken cancellationToken);
}
