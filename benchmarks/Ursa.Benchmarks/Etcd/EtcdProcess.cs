using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Ursa.Benchmarks.Etcd;

/// <summary>
/// One etcd member (Debian's <c>/usr/bin/etcd</c>) owned by a benchmark: free loopback ports, a temporary data
/// directory on disk (so puts pay fsync, as in production), stopped by its PID and deleted on dispose.
/// </summary>
public sealed class EtcdProcess : IAsyncDisposable
{
    private const string Binary = "/usr/bin/etcd";
    private readonly Process _process;
    private readonly string _directory;

    private EtcdProcess(Process process, string directory, Uri clientUrl)
    {
        _process = process;
        _directory = directory;
        ClientUrl = clientUrl;
    }

    /// <summary>The member's client URL (h2c), e.g. <c>http://127.0.0.1:40123</c>.</summary>
    public Uri ClientUrl { get; }

    public int Pid => _process.Id;

    /// <summary>Starts the member and waits until <c>/health</c> says it is healthy.</summary>
    public static async Task<EtcdProcess> StartAsync(CancellationToken cancellationToken)
    {
        if (!File.Exists(Binary))
        {
            throw new InvalidOperationException($"{Binary} is missing: install Debian's etcd-server (scripts/setup.sh --tests does)");
        }

        string directory = Directory.CreateTempSubdirectory("ursa-bench-etcd-").FullName;
        (int client, int peer) = FreePorts();
        var clientUrl = new Uri($"http://127.0.0.1:{client}");
        string peerUrl = $"http://127.0.0.1:{peer}";
        var info = new ProcessStartInfo(Binary) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string argument in new[]
        {
            "--name", "bench", "--data-dir", Path.Combine(directory, "data"),
            "--listen-client-urls", clientUrl.ToString().TrimEnd('/'), "--advertise-client-urls", clientUrl.ToString().TrimEnd('/'),
            "--listen-peer-urls", peerUrl, "--initial-advertise-peer-urls", peerUrl, "--initial-cluster", $"bench={peerUrl}",
            "--logger", "zap", "--log-level", "error",
        })
        {
            info.ArgumentList.Add(argument);
        }

        // etcd reads every ETCD_* variable as a flag and refuses to start when one repeats a command-line flag.
        foreach (string name in info.Environment.Keys.Where(k => k.StartsWith("ETCD_", StringComparison.Ordinal)).ToList())
        {
            info.Environment.Remove(name);
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException("cannot start etcd");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var etcd = new EtcdProcess(process, directory, clientUrl);
        try
        {
            await etcd.WaitHealthyAsync(cancellationToken).ConfigureAwait(false);
            return etcd;
        }
        catch
        {
            await etcd.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync().ConfigureAwait(false);
        }

        _process.Dispose();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private async Task WaitHealthyAsync(CancellationToken cancellationToken)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(TimeSpan.FromSeconds(30));
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"etcd exited with code {_process.ExitCode} while starting");
            }

            try
            {
                string health = await http.GetStringAsync(new Uri(ClientUrl, "/health"), deadline.Token).ConfigureAwait(false);
                if (health.Contains("\"health\":\"true\"", StringComparison.Ordinal))
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException) when (!deadline.IsCancellationRequested)
            {
                // Listening, no leader yet.
            }

            await Task.Delay(50, deadline.Token).ConfigureAwait(false);
        }
    }

    private static (int Client, int Peer) FreePorts()
    {
        var a = new TcpListener(IPAddress.Loopback, 0);
        var b = new TcpListener(IPAddress.Loopback, 0);
        a.Start();
        b.Start();
        try
        {
            return (((IPEndPoint)a.LocalEndpoint).Port, ((IPEndPoint)b.LocalEndpoint).Port);
        }
        finally
        {
            a.Stop();
            b.Stop();
        }
    }

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"etcd pid {Pid} at {ClientUrl}");
}
