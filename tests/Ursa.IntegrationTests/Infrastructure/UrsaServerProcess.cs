using System.Diagnostics;
using System.Net.Sockets;

namespace Ursa.IntegrationTests.Infrastructure;

/// <summary>
/// <c>ursa server</c> as a child process (the real binary), for tests that kill it. Stopped by its own PID.
/// </summary>
public sealed class UrsaServerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly List<string> _output = [];

    private UrsaServerProcess(Process process, string dataDirectory, int port)
    {
        _process = process;
        DataDirectory = dataDirectory;
        Port = port;
    }

    public string DataDirectory { get; }

    public int Port { get; }

    public string KubeconfigPath => Path.Combine(DataDirectory, "..", "kubeconfig");

    public Uri Url => new($"https://127.0.0.1:{Port}");

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

    /// <param name="extraArguments">More <c>ursa server</c> flags, e.g. <c>--etcd-servers</c>.</param>
    public static async Task<UrsaServerProcess> StartAsync(string dataDirectory, int? port = null, IEnumerable<string>? extraArguments = null)
    {
        var chosen = port ?? FreePort();
        var kubeconfig = Path.Combine(dataDirectory, "..", "kubeconfig");
        File.Delete(kubeconfig);
        var info = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { RepoPaths.UrsaDll, "server", "--port", chosen.ToString(System.Globalization.CultureInfo.InvariantCulture), "--data-dir", dataDirectory, "--write-kubeconfig", kubeconfig }.Concat(extraArguments ?? []))
        {
            info.ArgumentList.Add(arg);
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException("cannot start ursa server");
        var server = new UrsaServerProcess(process, dataDirectory, chosen);
        process.OutputDataReceived += (_, e) => server.Record(e.Data);
        process.ErrorDataReceived += (_, e) => server.Record(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!File.Exists(kubeconfig))
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"ursa server exited with {process.ExitCode} before it was ready:\n{server.Output}");
            }

            if (DateTime.UtcNow > deadline)
            {
                await server.DisposeAsync();
                throw new TimeoutException($"ursa server did not write its kubeconfig within 60 s:\n{server.Output}");
            }

            await Task.Delay(50);
        }

        return server;
    }

    /// <summary>SIGKILL: no shutdown code runs.</summary>
    public async Task KillAsync()
    {
        _process.Kill();
        await _process.WaitForExitAsync();
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

    private static int FreePort()
    {
        using var listener = new TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
