using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging;

namespace Ursa.Runtimes.Containerd.Internal;

/// <summary>
/// One long-running daemon (containerd, the registry) started inside Ursa's network namespace, tracked by
/// a pid file so that a restarted Ursa re-adopts a healthy one or cleans a broken one, and stopped by its
/// own pid: SIGTERM, then SIGKILL after the grace period.
/// </summary>
/// <remarks>
/// The daemon runs as <c>sh -c 'exec setsid nsenter --net=NS daemon ... &gt;&gt;LOG 2&gt;&amp;1'</c>: each step
/// execs the next, so the pid Process.Start returns is the daemon's own. Its output goes straight to the log
/// file (not through a pipe to us), so the daemon outlives an Ursa crash instead of dying of SIGPIPE, and
/// <c>setsid</c> keeps a terminal's Ctrl+C away from it, so shutdown happens in Ursa's order.
/// </remarks>
internal sealed partial class SupervisedDaemon
{
    // 20 ms: containerd answers ~80 ms after exec here, so a start waits at most one extra poll.
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(20);

    private readonly string _name;
    private readonly CommandLine _command;
    private readonly string _marker;
    private readonly string _pidFile;
    private readonly string _logFile;
    private readonly Func<CancellationToken, Task<bool>> _answers;
    private readonly ContainerdOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private Process? _child;

    public SupervisedDaemon(string name, CommandLine command, string marker, string pidFile, string logFile,
        Func<CancellationToken, Task<bool>> answers, ContainerdOptions options, TimeProvider time, ILogger logger)
    {
        _name = name;
        _command = command;
        _marker = marker;
        _pidFile = pidFile;
        _logFile = logFile;
        _answers = answers;
        _options = options;
        _time = time;
        _logger = logger;
    }

    /// <summary>The daemon's pid while Ursa runs or has adopted it.</summary>
    public int? ProcessId { get; private set; }

    /// <summary>
    /// Makes the daemon run and answer. A daemon found through the pid file is kept when it answers and
    /// <paramref name="restart"/> is false (its config is unchanged); otherwise it is stopped and a new one started.
    /// </summary>
    public async Task StartAsync(bool restart, CancellationToken cancellationToken)
    {
        if (ProcessId is int running && IsRunning(running) && !restart)
        {
            return;
        }

        int? stale = ReadPidFile();
        if (stale is int pid)
        {
            if (!restart && await AnswersWithinAsync(pid, TimeSpan.FromSeconds(2), cancellationToken).ConfigureAwait(false))
            {
                ProcessId = pid;
                LogAdopted(_logger, _name, pid);
                return;
            }

            LogStopStale(_logger, _name, pid, restart ? "its config changed" : "it does not answer");
            await StopPidAsync(pid, cancellationToken).ConfigureAwait(false);
        }

        File.Delete(_pidFile);
        Launch();
        int started = ProcessId!.Value;
        long since = _time.GetTimestamp();
        if (!await AnswersWithinAsync(started, _options.StartTimeout, cancellationToken).ConfigureAwait(false))
        {
            bool exited = !IsRunning(started);
            await StopAsync(CancellationToken.None).ConfigureAwait(false);
            throw new InvalidOperationException(
                $"{_name} (pid {started}) {(exited ? "exited" : $"did not answer within {_options.StartTimeout.TotalSeconds:0.#} s")} after start; last lines of {_logFile}:\n{LogTail()}");
        }

        LogStarted(_logger, _name, started, (long)_time.GetElapsedTime(since).TotalMilliseconds);
    }

    /// <summary>
    /// Stops the daemon this object started or adopted and the one the pid file names, if another object
    /// (e.g. a second Ursa instance on the same data directory) replaced it: afterwards none runs for this
    /// data directory. SIGTERM, SIGKILL after the grace period; then the pid file goes.
    /// </summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (ProcessId is int own)
        {
            await StopPidAsync(own, cancellationToken).ConfigureAwait(false);
        }

        if (ReadPidFile() is int recorded && recorded != ProcessId)
        {
            await StopPidAsync(recorded, cancellationToken).ConfigureAwait(false);
        }

        ProcessId = null;
        File.Delete(_pidFile);
        _child?.Dispose();
        _child = null;
    }

    private void Launch()
    {
        var startInfo = new ProcessStartInfo(_options.Tools.Shell) { UseShellExecute = false };
        startInfo.ArgumentList.Add("-c");
        startInfo.ArgumentList.Add("log=$1; shift; exec \"$@\" </dev/null >>\"$log\" 2>&1");
        startInfo.ArgumentList.Add("sh");
        startInfo.ArgumentList.Add(_logFile);
        startInfo.ArgumentList.Add(_options.Tools.Setsid);
        startInfo.ArgumentList.Add(_command.FileName);
        foreach (string argument in _command.Arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        File.AppendAllText(_logFile, $"--- {_time.GetUtcNow():O} ursa starts: {_command}\n");
        // Kept (not disposed) so the runtime reaps the daemon when it exits instead of leaving a zombie.
        _child = Process.Start(startInfo) ?? throw new InvalidOperationException($"could not start {_name}: '{_command}'");
        ProcessId = _child.Id;
        File.WriteAllText(_pidFile, _child.Id.ToString(CultureInfo.InvariantCulture) + "\n");
    }

    private async Task<bool> AnswersWithinAsync(int pid, TimeSpan timeout, CancellationToken cancellationToken)
    {
        long since = _time.GetTimestamp();
        while (IsRunning(pid))
        {
            if (await ProbeAsync(cancellationToken).ConfigureAwait(false))
            {
                return true;
            }

            if (_time.GetElapsedTime(since) >= timeout)
            {
                return false;
            }

            await Task.Delay(PollInterval, _time, cancellationToken).ConfigureAwait(false);
        }

        return false;
    }

    // One probe may hang on a daemon that accepts but never answers: 2 s is ~100 times a healthy answer.
    private async Task<bool> ProbeAsync(CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2), _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            return await _answers(linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    private async Task StopPidAsync(int pid, CancellationToken cancellationToken)
    {
        // The marker check before each signal guards against a recycled pid from an old pid file.
        if (!IsRunning(pid))
        {
            return;
        }

        long since = _time.GetTimestamp();
        _ = Libc.Kill(pid, Libc.SigTerm);
        // A stopped (SIGSTOP) daemon would hold SIGTERM pending until the grace period ran out.
        _ = Libc.Kill(pid, Libc.SigCont);
        if (await ExitedWithinAsync(pid, _options.StopGracePeriod, cancellationToken).ConfigureAwait(false))
        {
            LogStopped(_logger, _name, pid, (long)_time.GetElapsedTime(since).TotalMilliseconds);
            return;
        }

        LogKilled(_logger, _name, pid, _options.StopGracePeriod.TotalSeconds);
        _ = Libc.Kill(pid, Libc.SigKill);
        // SIGKILL cannot be refused; 5 s only covers a process stuck in uninterruptible I/O.
        if (!await ExitedWithinAsync(pid, TimeSpan.FromSeconds(5), cancellationToken).ConfigureAwait(false))
        {
            throw new InvalidOperationException($"{_name} (pid {pid}) still runs 5 s after SIGKILL");
        }
    }

    private async Task<bool> ExitedWithinAsync(int pid, TimeSpan timeout, CancellationToken cancellationToken)
    {
        long since = _time.GetTimestamp();
        while (IsRunning(pid))
        {
            if (_time.GetElapsedTime(since) >= timeout)
            {
                return false;
            }

            await Task.Delay(PollInterval, _time, cancellationToken).ConfigureAwait(false);
        }

        return true;
    }

    // Our own child is judged by the runtime's wait status: while it execs from sh to setsid to nsenter to the
    // daemon, /proc/PID/cmdline can read empty for a moment. A pid from a file needs the marker (pids get reused).
    private bool IsRunning(int pid) =>
        _child is not null && _child.Id == pid ? !_child.HasExited : ProcFs.IsRunning(pid, _marker);

    private int? ReadPidFile()
    {
        try
        {
            return int.TryParse(File.ReadAllText(_pidFile).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out int pid)
                && IsRunning(pid) ? pid : null;
        }
        catch (FileNotFoundException)
        {
            return null;
        }
        catch (DirectoryNotFoundException)
        {
            return null;
        }
    }

    private string LogTail()
    {
        try
        {
            // 20 lines: containerd states a fatal config error in its last one or two.
            return string.Join('\n', File.ReadLines(_logFile).TakeLast(20));
        }
        catch (IOException e)
        {
            return e.Message;
        }
    }

    [LoggerMessage(EventId = 3111, Level = LogLevel.Information, Message = "Started {Daemon} (pid {Pid}), answering after {ElapsedMs} ms")]
    private static partial void LogStarted(ILogger logger, string daemon, int pid, long elapsedMs);

    [LoggerMessage(EventId = 3112, Level = LogLevel.Information, Message = "Re-adopted running {Daemon} (pid {Pid}) from its pid file")]
    private static partial void LogAdopted(ILogger logger, string daemon, int pid);

    [LoggerMessage(EventId = 3113, Level = LogLevel.Warning, Message = "Stopping {Daemon} (pid {Pid}) left from an earlier run: {Reason}")]
    private static partial void LogStopStale(ILogger logger, string daemon, int pid, string reason);

    [LoggerMessage(EventId = 3114, Level = LogLevel.Information, Message = "Stopped {Daemon} (pid {Pid}) in {ElapsedMs} ms")]
    private static partial void LogStopped(ILogger logger, string daemon, int pid, long elapsedMs);

    [LoggerMessage(EventId = 3115, Level = LogLevel.Warning, Message = "{Daemon} (pid {Pid}) ignored SIGTERM for {GraceSeconds} s; sending SIGKILL")]
    private static partial void LogKilled(ILogger logger, string daemon, int pid, double graceSeconds);
}
