namespace Ursa.Runtimes.Qemu;

/// <summary>What a finished command left behind.</summary>
/// <param name="Command">The command that ran.</param>
/// <param name="ExitCode">Its exit status.</param>
/// <param name="StandardOutput">Everything it wrote to stdout.</param>
/// <param name="StandardError">Everything it wrote to stderr.</param>
public sealed record CommandResult(CommandLine Command, int ExitCode, string StandardOutput, string StandardError)
{
    /// <summary>Throws <see cref="CommandFailedException"/> unless the command exited 0.</summary>
    public CommandResult EnsureSuccess() => ExitCode == 0 ? this : throw new CommandFailedException(this);
}
