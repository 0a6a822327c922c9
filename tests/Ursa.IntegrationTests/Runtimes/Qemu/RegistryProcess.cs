using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Ursa.IntegrationTests.Infrastructure;

namespace Ursa.IntegrationTests.Runtimes.Qemu;

/// <summary>Debian's docker-registry (distribution 2.8) on 127.0.0.1 with storage in a test directory, as Ursa's
/// LocalRegistry runs it (minus the network namespace); stopped by its PID.</summary>
internal sealed class RegistryProcess : IAsyncDisposable
{
    private readonly Process _process;

    private RegistryProcess(Process process, string address)
    {
        _process = process;
        Address = address;
    }

    /// <summary><c>127.0.0.1:PORT</c>.</summary>
    public string Address { get; }

    public static async Task<RegistryProcess> StartAsync(string directory)
    {
        int port = FreePort();
        string config = Path.Combine(directory, "config.yml");
        await File.WriteAllTextAsync(config,
            $"version: 0.1\nlog:\n  level: warn\n  accesslog:\n    disabled: true\nstorage:\n  filesystem:\n    rootdirectory: \"{Path.Combine(directory, "storage")}\"\n" +
            $"http:\n  addr: \"127.0.0.1:{port}\"\n");
        var info = new ProcessStartInfo("/usr/bin/docker-registry") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add("serve");
        info.ArgumentList.Add(config);
        Process process = Process.Start(info) ?? throw new InvalidOperationException("cannot start docker-registry");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var registry = new RegistryProcess(process, $"127.0.0.1:{port}");
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        _ = await Eventually.UntilAsync(async () =>
        {
            Assert.False(process.HasExited, $"docker-registry exited with {(process.HasExited ? process.ExitCode : 0)}");
            try
            {
                return (await http.GetAsync(new Uri($"http://{registry.Address}/v2/"))).IsSuccessStatusCode;
            }
            catch (HttpRequestException)
            {
                return false;
            }
        }, up => up, TimeSpan.FromSeconds(20), _ => $"docker-registry (pid {process.Id}) to answer /v2/ on {registry.Address}");
        return registry;
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

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
