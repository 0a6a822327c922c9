namespace Ursa.IntegrationTests.Infrastructure;

/// <summary>What a finished command printed and returned.</summary>
public sealed record CommandResult(int ExitCode, string Stdout, string Stderr)
{
    public string Output => Stdout + Stderr;

    public CommandResult EnsureSuccess(string what)
    {
        if (ExitCode != 0)
        {
            throw new Xunit.Sdk.XunitException($"{what} failed with exit code {ExitCode}:\nstdout: {Stdout}\nstderr: {Stderr}");
        }

        return this;
    }
}
