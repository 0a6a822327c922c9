using System.Diagnostics;
using System.Net.Sockets;
using System.Reflection;

namespace Ursa.Benchmarks.Api;

/// <summary>
/// An <c>ursa server</c> child process on a free loopback port with its own data directory, so the benchmark
/// measures the server alone (its memory, its CPU) and stops it by its PID when done.
/// </summary>
public sealed class ServerProcess : IAsyncDisposable
{
    private readonly Process _process;

    private ServerProcess(Process process, string home, int port)
    {
        _process = process;
        Home = home;
        Port = port;
    }

    public string Home { get; }

    public int Port { get; }

    public int Pid => _process.Id;

    public string KubeconfigPath => Path.Combine(Home, "kubeconfig");

    /// <param name="extraArguments">More <c>ursa server</c> flags, e.g. <c>--disable-scheduler</c>.</param>
    public static async Task<ServerProcess> StartAsync(CancellationToken cancellationToken, params string[] extraArguments)
    {
        var home = Directory.CreateTempSubdirectory("ursa-bench-").FullName;
        var port = FreePort();
        var entry = Assembly.GetEntryAssembly()?.Location ?? throw new InvalidOperationException("no entry assembly");
        var info = new ProcessStartInfo(Environment.ProcessPath!) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { entry, "server", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--data-dir", Path.Combine(home, "data"), "--write-kubeconfig", Path.Combine(home, "kubeconfig") }.Concat(extraArguments))
        {
            info.ArgumentList.Add(arg);
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException("cannot start ursa server");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new ServerProcess(process, home, port);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(TimeSpan.FromSeconds(60));
        while (!File.Exists(server.KubeconfigPath))
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"ursa server exited with code {process.ExitCode} before it was ready");
            }

            await Task.Delay(50, deadline.Token).ConfigureAwait(false);
        }

        return server;
    }

    /// <summary>Resident memory of the server process, from /proc.</summary>
    public long ResidentBytes() => ProcessStats.ResidentBytes(Pid);

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync().ConfigureAwait(false);
        }

        _process.Dispose();
        try
        {
            Directory.Delete(Home, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
