using System.Diagnostics;

namespace Ursa.Runtimes.Qemu;

/// <summary><see cref="ICommandRunner"/> over <see cref="Process"/>: no shell, stdin given or closed, both streams captured.</summary>
public sealed class ProcessCommandRunner : ICommandRunner
{
    /// <summary>A shared instance; the runner holds no state.</summary>
    public static ProcessCommandRunner Instance { get; } = new();

    /// <inheritdoc />
    public async Task<CommandResult> RunAsync(CommandLine command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var startInfo = new ProcessStartInfo(command.FileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (string argument in command.Arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in command.Environment ?? new Dictionary<string, string>())
        {
            startInfo.Environment[name] = value;
        }

        using Process process = Process.Start(startInfo)
            ?? throw new InvalidOperationException($"could not start '{command}'");
        if (command.StandardInput is { } input)
        {
            await process.StandardInput.WriteAsync(input.AsMemory(), cancellationToken).ConfigureAwait(false);
        }

        process.StandardInput.Close();
        Task<string> output = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        Task<string> error = process.StandardError.ReadToEndAsync(CancellationToken.None);
        try
        {
            await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Only the process we started: its children (if any) are the tool's business.
            process.Kill(entireProcessTree: false);
            throw;
        }

        return new CommandResult(command, process.ExitCode, await output.ConfigureAwait(false), await error.ConfigureAwait(false));
    }
}
