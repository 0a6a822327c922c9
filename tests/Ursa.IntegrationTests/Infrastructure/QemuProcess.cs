using System.Diagnostics;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Ursa.Qmp;

namespace Ursa.IntegrationTests.Infrastructure;

/// <summary>
/// A real <c>qemu-system-x86_64</c> for tests: TCG (KVM does not work on these machines), q35, no default devices,
/// QMP on a unix socket in the test's directory, <c>-no-shutdown</c>. No guest OS is needed for QMP work: the
/// vCPUs run SeaBIOS, which finds nothing to boot. Stopped by its own PID.
/// </summary>
public sealed class QemuProcess : IAsyncDisposable
{
    public const string Binary = "qemu-system-x86_64";

    private readonly Process _process;
    private readonly List<string> _output = [];

    private QemuProcess(Process process, string qmpSocketPath)
    {
        _process = process;
        QmpSocketPath = qmpSocketPath;
    }

    public int Pid => _process.Id;

    public string QmpSocketPath { get; }

    public bool HasExited => _process.HasExited;

    /// <summary>QEMU's stdout and stderr so far, for failure messages.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return string.Join('\n', _output);
            }
        }
    }

    /// <summary>Starts QEMU with <paramref name="memoryMiB"/> of guest RAM and <paramref name="extraArguments"/> (devices, disks).</summary>
    /// <exception cref="InvalidOperationException">QEMU is not installed (scripts/setup.sh installs it): a loud failure, never a skip.</exception>
    public static QemuProcess Start(string directory, IEnumerable<string>? extraArguments = null, int memoryMiB = 128)
    {
        var binary = FindOnPath(Binary) ?? throw new InvalidOperationException(
            $"{Binary} is not installed; run scripts/setup.sh (it installs qemu-system-x86 and qemu-utils)");
        var qmp = Path.Combine(directory, "qmp.sock");
        var info = new ProcessStartInfo(binary) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        string[] arguments =
        [
            "-accel", "tcg", "-M", "q35", "-nodefaults", "-no-user-config", "-display", "none",
            "-qmp", $"unix:{qmp},server=on,wait=off", "-no-shutdown", "-m", memoryMiB.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ];
        foreach (var argument in arguments.Concat(extraArguments ?? []))
        {
            info.ArgumentList.Add(argument);
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException($"cannot start {binary}");
        var qemu = new QemuProcess(process, qmp);
        process.OutputDataReceived += (_, e) => qemu.Record(e.Data);
        process.ErrorDataReceived += (_, e) => qemu.Record(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return qemu;
    }

    /// <summary>Creates an empty qcow2 image with <c>qemu-img</c>.</summary>
    public static async Task CreateQcow2Async(string path, string size)
    {
        var qemuImg = FindOnPath("qemu-img") ?? throw new InvalidOperationException("qemu-img is not installed; run scripts/setup.sh (it installs qemu-utils)");
        (await ProcessRunner.RunAsync(qemuImg, ["create", "-f", "qcow2", path, size])).EnsureSuccess("qemu-img create");
    }

    /// <summary>
    /// Connects a <see cref="QmpClient"/> once QEMU has created its QMP socket (it does so during start-up, a few
    /// tens of ms in): retried until <paramref name="deadline"/>, failing with QEMU's output if QEMU exits first.
    /// </summary>
    public async Task<QmpClient> ConnectQmpAsync(ILogger? logger = null, TimeSpan? deadline = null)
    {
        var limit = deadline ?? TimeSpan.FromSeconds(30);
        var until = DateTime.UtcNow + limit;
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"QEMU (pid {Pid}) exited with {_process.ExitCode} before its QMP socket accepted:\n{Output}");
            }

            try
            {
                using var attempt = new CancellationTokenSource(until - DateTime.UtcNow);
                return await QmpClient.ConnectAsync(QmpSocketPath, logger, null, attempt.Token);
            }
            catch (SocketException) when (DateTime.UtcNow < until)
            {
                // Not created or not listening yet.
            }
            catch (Exception ex) when (ex is SocketException or OperationCanceledException or ArgumentOutOfRangeException)
            {
                throw new TimeoutException($"QEMU (pid {Pid}) QMP socket {QmpSocketPath} did not accept within {limit.TotalSeconds:0} s:\n{Output}", ex);
            }

            await Task.Delay(20);
        }
    }

    /// <summary>Waits for QEMU to exit on its own (after <c>quit</c>); returns its exit code.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan deadline)
    {
        using var cancel = new CancellationTokenSource(deadline);
        try
        {
            await _process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"QEMU (pid {Pid}) did not exit within {deadline.TotalSeconds:0} s:\n{Output}");
        }

        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin")
            .Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, name))
            .FirstOrDefault(File.Exists);

    private void Record(string? line)
    {
        if (line is not null)
        {
            lock (_output)
            {
                _output.Add(line);
            }
        }
    }
}
