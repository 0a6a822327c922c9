using System.Diagnostics;
using System.Text;
using Ursa.IntegrationTests.Infrastructure;

namespace Ursa.IntegrationTests.Streaming;

/// <summary>A command left running (kubectl logs -f) whose output the test watches; killed by its PID if still running at the end.</summary>
public sealed class RunningCommand : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _stdout = new();
    private readonly StringBuilder _stderr = new();
    private readonly Task _reading;

    public RunningCommand(string file, IEnumerable<string> args, IDictionary<string, string> environment)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }

        _process = Process.Start(info) ?? throw new InvalidOperationException($"cannot start {file}");
        _reading = Task.WhenAll(PumpAsync(_process.StandardOutput, _stdout), PumpAsync(_process.StandardError, _stderr));
    }

    public string Stdout
    {
        get
        {
            lock (_stdout)
            {
                return _stdout.ToString();
            }
        }
    }

    public Task<string> WaitForStdoutAsync(string expected, TimeSpan deadline) =>
        Eventually.UntilAsync(() => Task.FromResult(Stdout), s => s.Contains(expected, StringComparison.Ordinal), deadline, s => $"\"{expected}\" in the output (so far: \"{s}\", stderr: \"{Stderr()}\")");

    public async Task<CommandResult> WaitForExitAsync(TimeSpan deadline)
    {
        using var cts = new CancellationTokenSource(deadline);
        try
        {
            await _process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            Assert.Fail($"pid {_process.Id} did not exit within {deadline.TotalSeconds:0} s; output so far: \"{Stdout}\"");
        }

        await _reading;
        return new CommandResult(_process.ExitCode, Stdout, Stderr());
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private string Stderr()
    {
        lock (_stderr)
        {
            return _stderr.ToString();
        }
    }

    private static async Task PumpAsync(StreamReader reader, StringBuilder into)
    {
        var buffer = new char[4096];
        int read;
        while ((read = await reader.ReadAsync(buffer)) > 0)
        {
            lock (into)
            {
                into.Append(buffer, 0, read);
            }
        }
    }
}
