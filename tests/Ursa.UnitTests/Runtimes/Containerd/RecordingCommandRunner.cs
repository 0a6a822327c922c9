using Ursa.Runtimes.Containerd;

namespace Ursa.UnitTests.Runtimes.Containerd;

/// <summary>A fake <see cref="ICommandRunner"/>: records each command line and answers from a script.</summary>
internal sealed class RecordingCommandRunner : ICommandRunner
{
    private readonly Func<CommandLine, CommandResult?> _answer;

    public RecordingCommandRunner(Func<CommandLine, CommandResult?>? answer = null) => _answer = answer ?? (_ => null);

    public List<string> Commands { get; } = [];

    public Task<CommandResult> RunAsync(CommandLine command, CancellationToken cancellationToken)
    {
        lock (Commands)
        {
            Commands.Add(command.ToString());
        }

        return Task.FromResult(_answer(command) ?? new CommandResult(command, 0, "", ""));
    }
}
