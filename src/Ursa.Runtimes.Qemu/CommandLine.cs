using System.Text;

namespace Ursa.Runtimes.Qemu;

/// <summary>An executable and its arguments, run without a shell.</summary>
/// <param name="FileName">Absolute path of the executable.</param>
/// <param name="Arguments">Arguments, each passed as one argv entry (no word splitting, no globbing).</param>
public sealed record CommandLine(string FileName, IReadOnlyList<string> Arguments)
{
    /// <summary>Builds a command line from an executable and its arguments.</summary>
    public static CommandLine Of(string fileName, params string[] arguments) => new(fileName, arguments);

    /// <summary>Bytes written to the tool's stdin before it is closed (null: stdin closed at once).</summary>
    public string? StandardInput { get; init; }

    /// <summary>Variables added to the runner's environment (CNI plugins take their arguments this way).</summary>
    public IReadOnlyDictionary<string, string>? Environment { get; init; }

    /// <summary>The command as a shell would need it typed, for logs and error messages.</summary>
    public override string ToString()
    {
        var text = new StringBuilder(Quote(FileName));
        foreach (string argument in Arguments)
        {
            text.Append(' ').Append(Quote(argument));
        }

        return text.ToString();
    }

    private static string Quote(string word) =>
        word.Length > 0 && word.All(c => char.IsAsciiLetterOrDigit(c) || "-_./=:,@+%".Contains(c))
            ? word
            : "'" + word.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
