using System.Collections.Concurrent;
using System.Diagnostics;
using Ursa.NodeAgent.Streaming;

namespace Ursa.IntegrationTests.Streaming;

/// <summary>
/// A fake runtime for the streaming tests: logs are CRI files under a directory
/// (<c>{pod}/{container}.log</c>, <c>.previous.log</c>), exec runs the command as a real local process in that
/// directory, attach greets and echoes stdin. Pods named "missing" do not exist.
/// </summary>
public sealed class LocalProcessBackend(string directory) : IPodStreamingBackend
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _running = new();
    private readonly ConcurrentDictionary<string, int> _readers = new();

    /// <summary>A command the fake runs itself: prints the terminal size the client sent.</summary>
    public const string ReportSize = "report-size";

    public string LogPath(string pod, string container, bool previous = false) =>
        Path.Combine(directory, pod, previous ? $"{container}.previous.log" : $"{container}.log");

    /// <summary>Completes when the test says the container stopped (ends a followed log).</summary>
    public void Stop(string pod, string container) => Running(pod, container).TrySetResult();

    /// <summary>Log reads of the pod in progress on the node (a follower left behind would show here).</summary>
    public int LogReaders(string pod) => _readers.GetValueOrDefault(pod);

    public async Task ReadLogsAsync(LogRequest request, Stream output, CancellationToken cancellationToken)
    {
        var target = request.Target;
        ThrowIfMissing(target);
        _readers.AddOrUpdate(target.Pod, 1, (_, n) => n + 1);
        try
        {
            await CriLogFile.CopyAsync(LogPath(target.Pod, target.Container, request.Previous), request, output, Running(target.Pod, target.Container).Task, TimeProvider.System, cancellationToken);
        }
        finally
        {
            _readers.AddOrUpdate(target.Pod, 0, (_, n) => n - 1);
        }
    }

    public async Task<int> ExecAsync(ExecRequest request, IExecSession session, CancellationToken cancellationToken)
    {
        ThrowIfMissing(request.Target);
        if (request.Command[0] == ReportSize)
        {
            // Stands in for a program in a terminal: reports the first size the client's terminal announced.
            var size = await session.Resizes.ReadAsync(cancellationToken);
            await session.Stdout!.WriteAsync(System.Text.Encoding.ASCII.GetBytes($"tty={request.Streams.Tty} size {size.Width}x{size.Height}\n"), cancellationToken);
            return 0;
        }
        var info = new ProcessStartInfo(request.Command[0])
        {
            WorkingDirectory = directory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in request.Command.Skip(1))
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException($"cannot start {request.Command[0]}");
        try
        {
            var stdin = PumpStdinAsync(session.Stdin, process.StandardInput.BaseStream, cancellationToken);
            var stdout = CopyAsync(process.StandardOutput.BaseStream, session.Stdout, cancellationToken);
            var stderr = CopyAsync(process.StandardError.BaseStream, session.Stderr ?? session.Stdout, cancellationToken);
            await Task.WhenAll(stdout, stderr, process.WaitForExitAsync(cancellationToken));
            _ = stdin;
            return process.ExitCode;
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
    }

    public async Task AttachAsync(AttachRequest request, IExecSession session, CancellationToken cancellationToken)
    {
        ThrowIfMissing(request.Target);
        await session.Stdout!.WriteAsync("attached\n"u8.ToArray(), cancellationToken);
        if (session.Stdin is { } stdin)
        {
            await stdin.CopyToAsync(session.Stdout, cancellationToken);
        }
    }

    private static async Task PumpStdinAsync(Stream? from, Stream to, CancellationToken cancellationToken)
    {
        try
        {
            if (from is not null)
            {
                await from.CopyToAsync(to, cancellationToken);
            }
        }
        catch (IOException)
        {
            // The process exited without reading all its input.
        }
        finally
        {
            await to.DisposeAsync();
        }
    }

    private static async Task CopyAsync(Stream from, Stream? to, CancellationToken cancellationToken)
    {
        var buffer = new byte[8192];
        int read;
        while ((read = await from.ReadAsync(buffer, cancellationToken)) > 0)
        {
            if (to is not null)
            {
                await to.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
            }
        }
    }

    private static void ThrowIfMissing(ContainerTarget target)
    {
        if (target.Pod == "missing")
        {
            throw PodStreamingException.NotFound($"pod {target.Namespace}/{target.Pod} is not running on this node");
        }
    }

    private TaskCompletionSource Running(string pod, string container) =>
        _running.GetOrAdd($"{pod}/{container}", _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
}
