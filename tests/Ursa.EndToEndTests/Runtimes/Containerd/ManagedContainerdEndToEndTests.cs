using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging.Abstractions;
using Ursa.Runtimes.Containerd;

namespace Ursa.EndToEndTests.Runtimes.Containerd;

/// <summary>
/// Real containerd, registry and network namespace (root, Debian packages from scripts/setup.sh). Each test
/// gets its own data directory and namespace name, and must leave no process, namespace or mount behind.
/// </summary>
public sealed class ManagedContainerdEndToEndTests : IAsyncLifetime
{
    private readonly string _data = Directory.CreateTempSubdirectory("uctrd-").FullName;
    private readonly ContainerdOptions _options;

    public ManagedContainerdEndToEndTests()
    {
        _options = new ContainerdOptions
        {
            DataDirectory = _data,
            NetworkNamespace = "ursa-e2e-" + Path.GetFileName(_data)[6..],
            StopGracePeriod = TimeSpan.FromSeconds(3),
        };
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await using (var cleanup = NewManaged())
        {
            await cleanup.StopAsync(deleteNetwork: true, CancellationToken.None);
        }

        Assert.Empty(ProcessesUsing(_data));
        Assert.False(File.Exists(_options.NetworkNamespacePath), $"namespace {_options.NetworkNamespace} left behind");
        Assert.DoesNotContain(File.ReadLines("/proc/self/mountinfo"), l => l.Contains(_data, StringComparison.Ordinal));
        Directory.Delete(_data, recursive: true);
    }

    [Fact]
    public async Task Start_FreshDataDirectory_BusyboxPullsFromLocalRegistryAndRuns()
    {
        await using ManagedContainerd managed = NewManaged();

        await managed.StartAsync(CancellationToken.None);

        string images = await Ctr(managed, "images", "ls", "-q");
        Assert.Contains("ursa.local/pause:latest", images.Split('\n'));
        // ctr pulls client-side: it must run inside the namespace to reach the registry on its loopback.
        await RunAsync(managed.Network.Enter(CtrCommand(managed, "images", "pull", "--hosts-dir", _options.RegistryHostsDirectory, managed.Images.BusyboxImage)));
        string output = await Ctr(managed, "run", "--rm", managed.Images.BusyboxImage, "e2e-echo", "/bin/echo", "hello");
        Assert.Equal("hello\n", output);
    }

    [Fact]
    public async Task PushContainerDisk_QcowFile_RegistryServesOneLayerHoldingTheDiskWithItsFormat()
    {
        await using ManagedContainerd managed = NewManaged();
        await managed.StartAsync(CancellationToken.None);
        string disk = Path.Combine(_data, "tiny.qcow2");
        await RunAsync(CommandLine.Of("/usr/bin/qemu-img", "create", "-q", "-f", "qcow2", disk, "16M"));

        await managed.Images.PushContainerDiskAsync(disk, "guest/tiny:v1", CancellationToken.None);

        string reference = $"docker://{_options.RegistryAddress}/guest/tiny:v1";
        JsonNode manifest = JsonNode.Parse(await RunAsync(managed.Network.Enter(Skopeo("inspect", "--raw", "--tls-verify=false", reference))))!;
        Assert.Equal("qcow2", (string?)manifest["annotations"]?[LocalImages.DiskFormatKey]);
        JsonNode layer = Assert.Single(manifest["layers"]!.AsArray())!;
        JsonNode config = JsonNode.Parse(await RunAsync(managed.Network.Enter(Skopeo("inspect", "--config", "--tls-verify=false", reference))))!;
        Assert.Equal("qcow2", (string?)config["config"]?["Labels"]?[LocalImages.DiskFormatKey]);
        // Pull it back and open the layer: the disk, byte for byte, at disk/disk.qcow2.
        string back = Path.Combine(_data, "pulled");
        await RunAsync(managed.Network.Enter(Skopeo("copy", "--src-tls-verify=false", reference, $"oci:{back}:v1")));
        string blob = Path.Combine(back, "blobs", "sha256", ((string)layer["digest"]!)["sha256:".Length..]);
        string files = await RunAsync(CommandLine.Of("/bin/tar", "-tzf", blob));
        Assert.Contains("disk/disk.qcow2", files.Split('\n', StringSplitOptions.TrimEntries).Select(f => f.TrimStart('.', '/')));
        string extracted = Directory.CreateDirectory(Path.Combine(_data, "extracted")).FullName;
        await RunAsync(CommandLine.Of("/bin/tar", "-xzf", blob, "-C", extracted));
        Assert.Equal(File.ReadAllBytes(disk), File.ReadAllBytes(Path.Combine(extracted, "disk", "disk.qcow2")));
    }

    [Fact]
    public async Task Start_SecondInstance_ReadoptsRunningDaemons()
    {
        await using ManagedContainerd first = NewManaged();
        await first.StartAsync(CancellationToken.None);

        var second = NewManaged();
        await second.StartAsync(CancellationToken.None);

        Assert.Equal(first.Containerd.ProcessId, second.Containerd.ProcessId);
        Assert.Equal(first.Registry.ProcessId, second.Registry.ProcessId);
    }

    [Fact]
    public async Task Start_StoppedContainerdFromEarlierRun_ReplacedByANewOne()
    {
        await using ManagedContainerd first = NewManaged();
        await first.StartAsync(CancellationToken.None);
        int wedged = first.Containerd.ProcessId!.Value;
        Assert.Equal(0, Kill(wedged, 19)); // SIGSTOP: alive, socket still accepts, but never answers

        var second = NewManaged();
        await second.StartAsync(CancellationToken.None);

        Assert.NotEqual(wedged, second.Containerd.ProcessId);
        Assert.False(Directory.Exists($"/proc/{wedged}") && !File.ReadAllText($"/proc/{wedged}/stat").Contains(") Z", StringComparison.Ordinal),
            $"the wedged containerd (pid {wedged}) still runs");
    }

    [Fact]
    public async Task Start_PidFileOfUnrelatedProcess_LeavesItAloneAndStarts()
    {
        Directory.CreateDirectory(_options.RunDirectory);
        File.WriteAllText(Path.Combine(_options.RunDirectory, "containerd.pid"), Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
        await using ManagedContainerd managed = NewManaged();

        await managed.StartAsync(CancellationToken.None);

        Assert.NotEqual(Environment.ProcessId, managed.Containerd.ProcessId);
    }

    [Fact]
    public async Task Stop_Started_NothingLeftAndNamespaceGone()
    {
        ManagedContainerd managed = NewManaged();
        await managed.StartAsync(CancellationToken.None);
        int containerd = managed.Containerd.ProcessId!.Value, registry = managed.Registry.ProcessId!.Value;

        await managed.StopAsync(deleteNetwork: true, CancellationToken.None);

        Assert.Null(managed.Containerd.ProcessId);
        Assert.Empty(ProcessesUsing(_data));
        Assert.False(managed.Network.Exists);
        Assert.False(File.Exists(Path.Combine(_options.RunDirectory, "containerd.pid")), $"pid file of {containerd} left");
        Assert.False(File.Exists(Path.Combine(_options.RunDirectory, "registry.pid")), $"pid file of {registry} left");
    }

    private ManagedContainerd NewManaged() => new(_options, ProcessCommandRunner.Instance, TimeProvider.System, NullLoggerFactory.Instance);

    private CommandLine CtrCommand(ManagedContainerd managed, params string[] arguments) =>
        new(_options.Tools.Ctr, ["--address", managed.SocketPath, "--namespace", "k8s.io", .. arguments]);

    private CommandLine Skopeo(params string[] arguments) => new(_options.Tools.Skopeo, ["--insecure-policy", .. arguments]);

    private Task<string> Ctr(ManagedContainerd managed, params string[] arguments) => RunAsync(CtrCommand(managed, arguments));

    private static async Task<string> RunAsync(CommandLine command)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        return (await ProcessCommandRunner.Instance.RunAsync(command, timeout.Token)).EnsureSuccess().StandardOutput;
    }

    private static string[] ProcessesUsing(string data) =>
        [.. Directory.EnumerateDirectories("/proc")
            .Where(d => int.TryParse(Path.GetFileName(d), out _))
            .Select(d => { try { return File.ReadAllText(Path.Combine(d, "cmdline")).Replace('\0', ' '); } catch (IOException) { return ""; } })
            .Where(c => c.Contains(data, StringComparison.Ordinal))];

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}
