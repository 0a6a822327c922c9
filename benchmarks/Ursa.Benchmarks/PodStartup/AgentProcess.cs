using System.Diagnostics;
using System.Reflection;

namespace Ursa.Benchmarks.PodStartup;

/// <summary>
/// An <c>ursa agent</c> child process with containerd managed by it in a network namespace of the benchmark's own,
/// so its CPU and memory are the agent's alone. Stopped with SIGTERM (the agent stops its containerd), after which
/// the namespace is deleted.
/// </summary>
public sealed class AgentProcess : IAsyncDisposable
{
    private readonly Process _process;

    private AgentProcess(Process process, string home, string networkNamespace)
    {
        _process = process;
        Home = home;
        NetworkNamespace = networkNamespace;
    }

    public string Home { get; }

    public string NetworkNamespace { get; }

    public int Pid => _process.Id;

    /// <summary>The managed containerd's CRI socket.</summary>
    public string CriSocket => Path.Combine(Home, "containerd", "containerd.sock");

    public string AgentRoot => Path.Combine(Home, "agent");

    /// <summary>The VM runtime the agent runs beside its containerd.</summary>
    public string VmRuntimeSocket => Path.Combine(Home, "vm-runtime", "vm-runtime.sock");

    /// <summary>Starts the agent.</summary>
    /// <param name="kubeconfig">The cluster.</param>
    /// <param name="nodeName">Its node.</param>
    /// <param name="serveVmRuntimeSocket">Have the agent also serve its in-process VM runtime on
    /// <see cref="VmRuntimeSocket"/> (the VM bench's raw phase dials it; the pod bench measures the agent without).</param>
    public static AgentProcess Start(string kubeconfig, string nodeName, bool serveVmRuntimeSocket = true)
    {
        var home = Directory.CreateTempSubdirectory("ursa-bench-agent-").FullName;
        var netns = "ursa-bench-" + Path.GetFileName(home)[^6..];
        var entry = Assembly.GetEntryAssembly()?.Location ?? throw new InvalidOperationException("no entry assembly");
        var info = new ProcessStartInfo(Environment.ProcessPath!) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[]
        {
            entry, "agent", "--kubeconfig", kubeconfig, "--node-name", nodeName, "--agent-root", Path.Combine(home, "agent"),
            "--containerd-data-dir", Path.Combine(home, "containerd"), "--network-namespace", netns, "--agent-port", "0",
            "--vm-runtime-dir", Path.Combine(home, "vm-runtime"),
        })
        {
            info.ArgumentList.Add(arg);
        }

        if (serveVmRuntimeSocket)
        {
            info.ArgumentList.Add("--serve-vm-runtime-socket");
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException("cannot start ursa agent");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new AgentProcess(process, home, netns);
    }

    public bool HasExited => _process.HasExited;

    /// <summary>Resident memory, from /proc.</summary>
    public long ResidentBytes() => ProcessStats.ResidentBytes(Pid);

    /// <summary>User + system CPU time used so far, from /proc.</summary>
    public TimeSpan CpuTime() => ProcessStats.CpuTime(Pid);

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            // SIGTERM: the agent stops its containerd and registry and exits.
            _ = Kill(_process.Id, 15);
            using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            try
            {
                await _process.WaitForExitAsync(deadline.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync().ConfigureAwait(false);
            }
        }

        _process.Dispose();
        using (var delete = Process.Start("ip", ["netns", "delete", NetworkNamespace]))
        {
            await delete.WaitForExitAsync().ConfigureAwait(false);
        }

        try
        {
            Directory.Delete(Home, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}
