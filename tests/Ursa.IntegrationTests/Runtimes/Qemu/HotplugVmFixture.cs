using System.Text;
using Google.Protobuf;
using Microsoft.Extensions.Logging.Abstractions;
using Ursa.Cri;
using Ursa.Cri.V1;
using Ursa.Cri.Vm;
using Ursa.IntegrationTests.Infrastructure;
using Ursa.Runtimes.Containerd;
using Ursa.Runtimes.Qemu;
using Ursa.Runtimes.Qemu.Launch;
using Ursa.Runtimes.Qemu.Network;
using Ursa.Runtimes.Qemu.Vms;

namespace Ursa.IntegrationTests.Runtimes.Qemu;

/// <summary>
/// One busybox guest (TCG, 1 of 2 vCPUs limited to one core each, 256 of 512 MiB) run by the real VM runtime over its unix socket, in a pod
/// namespace with only <c>br0</c> (no CNI list), shared by the hot-plug tests: a boot costs 10-40 s here.
/// Disposing removes the sandbox, which stops QEMU by its PID and deletes the namespace.
/// </summary>
public sealed class HotplugVmFixture : IAsyncLifetime
{
    public const long MiB = 1L << 20;

    // 2 shared cores and TCG: ~10 s on an idle machine, much more while others build.
    public static readonly TimeSpan BootDeadline = TimeSpan.FromSeconds(180);

    /// <summary>How long a detach waits for the guest (Linux waits 5 s after the attention button; TCG adds more).</summary>
    public static readonly TimeSpan UnplugTimeout = TimeSpan.FromSeconds(25);

    private readonly TestDirectory _directory = new("vm-hotplug");
    private DiskFileServer? _files;
    private VmRuntimeHost? _host;
    private int _commands;

    public CriClient Client { get; private set; } = null!;

    public string SandboxId { get; private set; } = "";

    public string VmId { get; private set; } = "";

    /// <summary>The image reference VMs are created from.</summary>
    public string Image { get; private set; } = "";

    public string Directory => _directory.Path;

    public async Task InitializeAsync()
    {
        var build = await ProcessRunner.RunAsync("/bin/bash", [Path.Combine(RepoPaths.Root, GuestImages.BusyboxScript), GuestImages.DefaultOutputDirectory], timeout: TimeSpan.FromMinutes(10));
        Assert.True(build.ExitCode == 0, $"building the busybox guest failed ({build.ExitCode}): {build.Stderr}");
        _files = await DiskFileServer.StartAsync();
        Image = _files.Add("/busybox-guest.qcow2", build.Stdout.Trim().Split('\n')[^1]);
        string socket = Path.Combine(Directory, "vm-runtime.sock");
        var options = new VmRuntimeOptions { RootDirectory = Path.Combine(Directory, "root"), Accelerator = QemuAccelerator.Tcg, Network = new PodNetworkOptions(), UnplugTimeout = UnplugTimeout };
        _host = await VmRuntimeHost.StartAsync(socket, options, new HttpClient(), NullLoggerFactory.Instance, CancellationToken.None);
        Client = CriClient.ForUnixSocket(socket);
        await Client.PullImageAsync(new PullImageRequest { Image = new ImageSpec { Image = Image } }, CancellationToken.None);
        var sandbox = new PodSandboxConfig { Metadata = new PodSandboxMetadata { Name = "hotplug", Namespace = "default", Uid = Guid.NewGuid().ToString() } };
        SandboxId = (await Client.RunPodSandboxAsync(new RunPodSandboxRequest { Config = sandbox }, CancellationToken.None)).PodSandboxId;
        VmId = await CreateVmAsync("guest");
        await Client.StartContainerAsync(new StartContainerRequest { ContainerId = VmId }, CancellationToken.None);
        await Eventually.UntilAsync(StatusAsync, s => s.Booted || s.PowerState is PowerState.Crashed or PowerState.Shutdown, BootDeadline, s => $"VM {VmId} to boot (now {s})");
        var status = await StatusAsync();
        Assert.True(status.Booted, $"the guest did not boot: {status}");
    }

    /// <summary>Creates (not starts) a VM in the fixture's sandbox.</summary>
    public async Task<string> CreateVmAsync(string name)
    {
        var request = new CreateVirtualMachineRequest
        {
            PodSandboxId = SandboxId,
            Config = new ContainerConfig { Metadata = new ContainerMetadata { Name = name } },
            SandboxConfig = new PodSandboxConfig { Metadata = new PodSandboxMetadata { Name = "hotplug", Namespace = "default" } },
            Vm = new VirtualMachineConfig
            {
                Name = name,
                Image = new ImageSpec { Image = Image },
                Vcpus = 1,
                MaxVcpus = 2,
                MemoryBytes = 256 * MiB,
                MaxMemoryBytes = 512 * MiB,
                // One core per vCPU: the quota a resize must move.
                CpuLimitMillis = 1000,
            },
        };
        return (await Client.CreateVirtualMachineAsync(request, CancellationToken.None)).ContainerId;
    }

    public Task<VirtualMachineStatusResponse> StatusAsync() => StatusAsync(VmId);

    /// <summary>The CFS quota (microseconds per 100 ms) of the VM's cgroup: cgroup v2 <c>cpu.max</c> or v1 <c>cpu.cfs_quota_us</c>.</summary>
    public string CpuQuota()
    {
        string cpu = Path.GetDirectoryName(VmCgroup.Of(null, VmId).ProcsFiles[^1])!;
        string max = Path.Combine(cpu, "cpu.max");
        return File.Exists(max) ? File.ReadAllText(max).Split(' ')[0] : File.ReadAllText(Path.Combine(cpu, "cpu.cfs_quota_us")).Trim();
    }

    public Task<VirtualMachineStatusResponse> StatusAsync(string id) =>
        Client.VirtualMachineStatusAsync(new VirtualMachineStatusRequest { ContainerId = id }, CancellationToken.None);

    /// <summary>
    /// Runs <paramref name="command"/> in the guest's shell through the Console RPC and returns what it printed.
    /// The markers are computed by the guest's shell, so the echoed command line never matches them.
    /// </summary>
    public async Task<string> ShellAsync(string command)
    {
        int n = 1000 + Interlocked.Increment(ref _commands);
        string begin = $"B{n}B\r\n", end = $"E{n}E\r\n";
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        await using var call = Client.Console(deadline.Token);
        var output = new StringBuilder();
        await call.WriteAsync(new ConsoleRequest { ContainerId = VmId, Input = ByteString.CopyFromUtf8($"echo B$(({n - 1}+1))B; {command}; echo E$(({n - 1}+1))E\n") }, deadline.Token);
        try
        {
            while (!output.ToString().Contains(end, StringComparison.Ordinal))
            {
                var response = await call.ReadAsync(deadline.Token);
                Assert.True(response is not null, $"the console closed before '{command}' finished; output:\n{output}");
                output.Append(Encoding.UTF8.GetString(response.Output.Span));
            }
        }
        catch (OperationCanceledException)
        {
            Assert.Fail($"'{command}' did not finish within 90 s on the guest console; output:\n{output}");
        }

        string text = output.ToString();
        int start = text.IndexOf(begin, StringComparison.Ordinal);
        Assert.True(start >= 0, $"no begin marker in:\n{text}");
        start += begin.Length;
        return text[start..text.IndexOf(end, start, StringComparison.Ordinal)].Replace("\r\n", "\n", StringComparison.Ordinal);
    }

    /// <summary>Runs <paramref name="command"/> until its output satisfies <paramref name="done"/> (the guest reacts to hot-plug a moment later).</summary>
    public Task<string> ShellUntilAsync(string command, Func<string, bool> done, string awaited) =>
        Eventually.UntilAsync(() => ShellAsync(command), done, TimeSpan.FromSeconds(90), output => $"{awaited} (last '{command}':\n{output})");

    public async Task DisposeAsync()
    {
        if (SandboxId.Length > 0)
        {
            await Client.RemovePodSandboxAsync(new RemovePodSandboxRequest { PodSandboxId = SandboxId }, CancellationToken.None);
        }

        if (Client is not null)
        {
            await Client.DisposeAsync();
        }

        if (_host is not null)
        {
            await _host.DisposeAsync();
        }

        if (_files is not null)
        {
            await _files.DisposeAsync();
        }

        _directory.Dispose();
    }
}
