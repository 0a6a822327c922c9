namespace Ursa.Runtimes.Qemu;

/// <summary>A tool the VM runtime runs (qemu-img, genisoimage, ...) exited with a non-zero status.</summary>
public sealed class CommandFailedException : Exception
{
    /// <summary>Wraps the failed command's result; the message carries its command line, status and stderr.</summary>
    public CommandFailedException(CommandResult result)
        : base($"'{result.Command}' exited with {result.ExitCode}: {Trim(result.StandardError, result.StandardOutput)}") => Result = result;

    /// <summary>The failed command, its status and output.</summary>
    public CommandResult Result { get; }

    // 2,000 characters keep the cause (tools put it last) without flooding a log line with a progress dump.
    private static string Trim(string error, string output)
    {
        string text = (error.Length > 0 ? error : output).Trim();
        return text.Length <= 2000 ? text : "..." + text[^2000..];
    }
}
