using Microsoft.Extensions.Logging;
using Ursa.Qmp;

namespace Ursa.Runtimes.Qemu.Vms;

public sealed partial class VmInstance
{
    /// <summary>
    /// Follows QMP events until the connection closes (QEMU exited): pauses and resumes, guest power-off (then
    /// QEMU is told to quit: <c>-no-shutdown</c> kept it up for us to see it), resets. Then records the exit.
    /// </summary>
    private async Task WatchAsync(IAsyncEnumerable<QmpEvent> events, int pid)
    {
        try
        {
            await foreach (var e in events.ConfigureAwait(false))
            {
                switch (e.Name)
                {
                    case "STOP" when !_shutdownSeen && !_stopping && !_inSnapshotJob:
                        await UpdateAsync(r => r.Phase = VmPhase.Paused, CancellationToken.None).ConfigureAwait(false);
                        break;
                    case "RESUME":
                        await UpdateAsync(r => r.Phase = VmPhase.Running, CancellationToken.None).ConfigureAwait(false);
                        break;
                    case "SHUTDOWN":
                        _shutdownSeen = true;
                        Log.GuestShutdown(_logger, Id, e.Data["reason"]?.ToString() ?? "unknown");
                        _ = QuitQuietlyAsync();
                        break;
                    case "RESET":
                        _console?.Boot.Reset();
                        await UpdateAsync(r => r.BootedAt = null, CancellationToken.None).ConfigureAwait(false);
                        break;
                }
            }
        }
        catch (Exception ex) when (ex is QmpConnectionException or ObjectDisposedException or OperationCanceledException)
        {
        }

        var exitCode = await WaitForExitAsync(pid).ConfigureAwait(false);
        if (_console is not null)
        {
            await _console.DisposeAsync().ConfigureAwait(false);
            _console = null;
        }

        VmCgroup.Of(Request.SandboxConfig?.Linux?.CgroupParent, Id).Remove();
        var reason = _shutdownSeen ? "Shutdown" : _stopping ? "Stopped" : "Crashed";
        await UpdateAsync(r =>
        {
            r.Phase = VmPhase.Exited;
            r.FinishedAt = _time.GetUtcNow();
            r.ExitCode = reason == "Crashed" && exitCode == 0 ? 1 : exitCode;
            r.Reason = reason;
            r.Message = reason == "Crashed" ? QemuLogTail() : null;
            r.Pid = 0;
        }, CancellationToken.None).ConfigureAwait(false);
        Log.Exited(_logger, Id, reason, exitCode);
        _exited.TrySetResult();
    }

    private async Task QuitQuietlyAsync()
    {
        try
        {
            if (_qmp is { } qmp)
            {
                await qmp.QuitAsync(CancellationToken.None).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is QmpException or QmpConnectionException or ObjectDisposedException)
        {
        }
    }

    /// <summary>QEMU's exit status: from the process when the runtime started it, else 0 once /proc shows it gone.</summary>
    private async Task<int> WaitForExitAsync(int pid)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15), _time);
        if (_process is { } process && process.Id == pid)
        {
            try
            {
                await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
                return process.ExitCode;
            }
            catch (OperationCanceledException)
            {
                KillQuietly(pid);
                return 137;
            }
        }

        while (IsQemu(pid, Paths.QmpSocket) && !timeout.IsCancellationRequested)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(50), _time, CancellationToken.None).ConfigureAwait(false);
        }

        return 0;
    }

    /// <summary>True when <paramref name="pid"/> is alive and is the QEMU of this VM (its command line names the QMP socket), not a reused PID.</summary>
    internal static bool IsQemu(int pid, string qmpSocket)
    {
        if (pid <= 0)
        {
            return false;
        }

        try
        {
            var cmdline = File.ReadAllText($"/proc/{pid}/cmdline");
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var state = stat[(stat.LastIndexOf(')') + 2)..].FirstOrDefault();
            return state != 'Z' && cmdline.Contains(qmpSocket, StringComparison.Ordinal);
        }
        catch (IOException)
        {
            return false;
        }
    }

    /// <summary>Re-adopts a QEMU left running by an earlier runtime; false (and the record says Exited) when it is gone.</summary>
    internal async Task<bool> AdoptAsync(CancellationToken cancellationToken)
    {
        if (Record.Phase is not (VmPhase.Running or VmPhase.Paused))
        {
            return false;
        }

        if (IsQemu(Record.Pid, Paths.QmpSocket))
        {
            try
            {
                var qmp = await QmpClient.ConnectAsync(Paths.QmpSocket, _logger, _time, cancellationToken).ConfigureAwait(false);
                _exited = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                await AttachAsync(qmp, Record.Pid, cancellationToken).ConfigureAwait(false);
                var status = await qmp.QueryStatusAsync(cancellationToken).ConfigureAwait(false);
                await UpdateAsync(r => r.Phase = status.Running ? VmPhase.Running : VmPhase.Paused, cancellationToken).ConfigureAwait(false);
                if (Record.BootedAt is not null)
                {
                    // It booted before we left: say so to the new console's watcher too.
                    _console?.Boot.Observe("login: "u8);
                }

                Log.Adopted(_logger, Id, Record.Pid);
                return true;
            }
            catch (Exception e) when (e is QmpConnectionException or IOException or System.Net.Sockets.SocketException)
            {
                Log.AdoptFailed(_logger, Id, e.Message);
            }
        }

        await UpdateAsync(r =>
        {
            r.Phase = VmPhase.Exited;
            r.FinishedAt = _time.GetUtcNow();
            r.ExitCode = 1;
            r.Reason = "Crashed";
            r.Message = "QEMU was gone when the runtime restarted";
            r.Pid = 0;
        }, cancellationToken).ConfigureAwait(false);
        return false;
    }

    private static partial class Log
    {
        [LoggerMessage(720, LogLevel.Information, "VM {Vm} started: {Vcpus} vCPU, {MemoryMiB} MiB, QEMU pid {Pid}")]
        public static partial void Started(ILogger logger, string vm, int vcpus, long memoryMiB, int pid);

        [LoggerMessage(721, LogLevel.Information, "VM {Vm} exited ({Reason}, status {ExitCode})")]
        public static partial void Exited(ILogger logger, string vm, string reason, int exitCode);

        [LoggerMessage(722, LogLevel.Information, "VM {Vm}: guest powered off ({Reason})")]
        public static partial void GuestShutdown(ILogger logger, string vm, string reason);

        [LoggerMessage(723, LogLevel.Information, "VM {Vm}: guest booted (prompt on its console)")]
        public static partial void Booted(ILogger logger, string vm);

        [LoggerMessage(724, LogLevel.Information, "VM {Vm}: re-adopted running QEMU pid {Pid}")]
        public static partial void Adopted(ILogger logger, string vm, int pid);

        [LoggerMessage(725, LogLevel.Warning, "VM {Vm}: could not re-adopt its QEMU: {Reason}")]
        public static partial void AdoptFailed(ILogger logger, string vm, string reason);

        [LoggerMessage(726, LogLevel.Warning, "VM {Vm}: no serial console: {Reason}")]
        public static partial void NoConsole(ILogger logger, string vm, string reason);

        [LoggerMessage(727, LogLevel.Warning, "VM {Vm}: {What} failed: {Reason}")]
        public static partial void OperationFailed(ILogger logger, string vm, string what, string reason);
    }
}
