using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Ursa.Api.Core;
using Ursa.Api.Serialization;
using Ursa.ApiServer.Hosting;
using Ursa.Cli;
using Ursa.Client.Connection;
using Ursa.Client.Rest;
using Ursa.Cri;
using Ursa.IntegrationTests.Infrastructure;
using Ursa.NodeAgent.Agent;
using Ursa.Runtimes.Containerd;
using CommandResult = Ursa.IntegrationTests.Infrastructure.CommandResult;
using NodeStreamingOptionsAlias = Ursa.NodeAgent.Streaming.NodeStreamingOptions;

namespace Ursa.EndToEndTests.NodeAgent;

/// <summary>
/// A whole single-node cluster in this process on the real parts: the control plane (SQLite, API server, scheduler,
/// controllers), containerd managed by Ursa in a network namespace of the fixture's own, the VM runtime beside it
/// (QEMU under TCG here), and the node agent.
/// Disposal deletes every pod (so the agent tears sandboxes down), stops the agent and containerd, removes the
/// namespace, and fails if a process or mount of the fixture is left behind.
/// </summary>
public sealed class NodeClusterFixture : IAsyncLifetime
{
    private readonly TestDirectory _directory = new("node");
    private ControlPlane? _plane;
    private NodeStack? _node;

    public const string NodeName = "e2e-node";

    public string KubeconfigPath => Path.Combine(_directory.Path, "kubeconfig");

    public ContainerdOptions Containerd { get; }

    public AgentOptions Agent { get; }

    public ControlPlane Plane => _plane ?? throw new InvalidOperationException("not started");

    public NodeStack Node => _node ?? throw new InvalidOperationException("not started");

    public ApiClient Client { get; private set; } = null!;

    /// <summary>The VM runtime's root. The agent calls the runtime in-process; the fixture also has it served on
    /// <c>vm-runtime.sock</c> there, so tests check what runs through the same gRPC face external tools use.</summary>
    public string VmRuntimeDirectory => Path.Combine(_directory.Path, "vm-runtime");

    public NodeClusterFixture()
    {
        Containerd = new ContainerdOptions
        {
            DataDirectory = Path.Combine(_directory.Path, "containerd"),
            NetworkNamespace = "ursa-e2e-" + Path.GetFileName(_directory.Path)[^6..],
            StopGracePeriod = TimeSpan.FromSeconds(3),
        };
        Agent = new AgentOptions
        {
            NodeName = NodeName,
            RootDirectory = Path.Combine(_directory.Path, "agent"),
            StreamingPort = 0,
            InitialBackOff = TimeSpan.FromSeconds(2),
            MaxBackOff = TimeSpan.FromSeconds(8),
            RelistInterval = TimeSpan.FromMilliseconds(500),
            NodeStatusInterval = TimeSpan.FromSeconds(2),
        };
    }

    public async Task InitializeAsync()
    {
        var data = Path.Combine(_directory.Path, "data");
        _plane = await ControlPlane.StartAsync(new ApiServerOptions { DataDirectory = data, Port = 0 }, NullLoggerFactory.Instance, CancellationToken.None);
        _plane.WriteKubeconfig(KubeconfigPath);
        var connection = new ClusterConnection(_plane.Api.Url, _plane.Api.CaPem, _plane.Api.AdminToken);
        Client = new ApiClient(connection);
        _node = await NodeStack.StartAsync(connection, Agent, Containerd, Streaming(), NullLoggerFactory.Instance, CancellationToken.None, VmRuntimeDirectory, serveVmRuntimeSocket: true);
    }

    private NodeStreamingOptionsAlias Streaming() => NodeCertificates.FromDataDirectory(Path.Combine(_directory.Path, "data"), NodeName, Agent.NodeAddress);

    public async Task DisposeAsync()
    {
        try
        {
            if (_plane is not null && _node is not null)
            {
                await KubectlAsync("delete", "pods", "--all", "-n", "default", "--wait=true", "--timeout=60s");
            }
        }
        finally
        {
            await RemoveAllSandboxesAsync();
            if (_node is not null) await _node.DisposeAsync();
            Client?.Dispose();
            if (_plane is not null) await _plane.DisposeAsync();
            await using (var cleanup = new ManagedContainerd(Containerd, ProcessCommandRunner.Instance, TimeProvider.System, NullLoggerFactory.Instance))
            {
                await cleanup.StopAsync(deleteNetwork: true, CancellationToken.None);
            }

            Assert.DoesNotContain(Directory.GetDirectories("/proc"), p => IsShimOf(p, Containerd.DataDirectory));
            Assert.DoesNotContain(Directory.GetDirectories("/proc"), p => IsProcessOf(p, "qemu-system", VmRuntimeDirectory));
            Assert.False(File.Exists(Containerd.NetworkNamespacePath), $"namespace {Containerd.NetworkNamespace} left behind");
            Assert.DoesNotContain(File.ReadLines("/proc/self/mountinfo"), l => l.Contains(_directory.Path, StringComparison.Ordinal));
            _directory.Dispose();
        }
    }

    /// <summary>Whatever a failed test left: every sandbox (and its containers) goes, so no shim outlives the fixture.</summary>
    private async Task RemoveAllSandboxesAsync()
    {
        await RemoveAllVmSandboxesAsync();
        if (!File.Exists(Containerd.SocketPath)) return;
        try
        {
            await using var cri = Cri();
            foreach (var sandbox in (await cri.ListPodSandboxAsync(new Ursa.Cri.V1.ListPodSandboxRequest(), CancellationToken.None)).Items)
            {
                await cri.StopPodSandboxAsync(new Ursa.Cri.V1.StopPodSandboxRequest { PodSandboxId = sandbox.Id }, CancellationToken.None);
                await cri.RemovePodSandboxAsync(new Ursa.Cri.V1.RemovePodSandboxRequest { PodSandboxId = sandbox.Id }, CancellationToken.None);
            }
        }
        catch (Ursa.Grpc.GrpcException)
        {
            // containerd is already gone; its shims are checked below.
        }
    }

    /// <summary>Every VM sandbox goes (its QEMU stopped), so no VM outlives the fixture.</summary>
    private async Task RemoveAllVmSandboxesAsync()
    {
        if (!File.Exists(Path.Combine(VmRuntimeDirectory, "vm-runtime.sock"))) return;
        try
        {
            await using var vms = VmRuntime();
            foreach (var sandbox in (await vms.ListPodSandboxAsync(new Ursa.Cri.V1.ListPodSandboxRequest(), CancellationToken.None)).Items)
            {
                await vms.RemovePodSandboxAsync(new Ursa.Cri.V1.RemovePodSandboxRequest { PodSandboxId = sandbox.Id }, CancellationToken.None);
            }
        }
        catch (Ursa.Grpc.GrpcException)
        {
            // The runtime is already gone; stray QEMUs are checked below.
        }
    }

    /// <summary>Stops the agent and containerd (containers keep running under their shims) and starts both again,
    /// as a restart of <c>ursa up</c> or <c>ursa agent</c> does.</summary>
    public async Task RestartNodeAsync()
    {
        await Node.DisposeAsync();
        _node = null;
        var connection = new ClusterConnection(Plane.Api.Url, Plane.Api.CaPem, Plane.Api.AdminToken);
        Agent.StreamingPort = 0;
        _node = await NodeStack.StartAsync(connection, Agent, Containerd, Streaming(), NullLoggerFactory.Instance, CancellationToken.None, VmRuntimeDirectory, serveVmRuntimeSocket: true);
    }

    /// <summary>A CRI (and VM extension) client on the fixture's VM runtime.</summary>
    public CriClient VmRuntime() => CriClient.ForUnixSocket(Path.Combine(VmRuntimeDirectory, "vm-runtime.sock"));

    /// <summary>A CRI client on the fixture's containerd, to check what really runs.</summary>
    public CriClient Cri() => CriClient.ForUnixSocket(Containerd.SocketPath);

    public Task<CommandResult> KubectlAsync(params string[] args) => KubectlInAsync(null, args);

    public Task<CommandResult> KubectlInAsync(string? stdin, params string[] args) =>
        ProcessRunner.RunAsync(RepoPaths.Kubectl, ["--kubeconfig", KubeconfigPath, .. args], stdin, TimeSpan.FromSeconds(90),
            new Dictionary<string, string> { ["KUBECACHEDIR"] = Path.Combine(_directory.Path, "kubecache"), ["HOME"] = _directory.Path });

    /// <summary>Runs the <c>ursa</c> CLI (built beside the tests) with the cluster's kubeconfig.</summary>
    public Task<CommandResult> UrsaAsync(string? stdin, params string[] args) =>
        ProcessRunner.RunAsync("dotnet", [RepoPaths.UrsaDll, .. args, "--kubeconfig", KubeconfigPath], stdin, TimeSpan.FromSeconds(300),
            new Dictionary<string, string> { ["HOME"] = _directory.Path });

    /// <summary>Applies a manifest with kubectl and checks it worked.</summary>
    public async Task ApplyAsync(string yaml)
    {
        var result = await KubectlInAsync(yaml, "apply", "-f", "-");
        Assert.True(result.ExitCode == 0, $"kubectl apply failed: {result.Stderr}");
    }

    public Task<Pod> GetPodAsync(string name) => Client.GetAsync<Pod>(ResourceRef.Pods, null, "default", name, CancellationToken.None);

    /// <summary>Waits until the pod satisfies <paramref name="done"/>; the failure message shows its last status.</summary>
    public Task<Pod> WaitForPodAsync(string name, Func<Pod, bool> done, TimeSpan deadline, string awaited) =>
        Eventually.UntilAsync(() => GetPodAsync(name), done, deadline,
            p => $"pod {name} to be {awaited}; last status: {JsonSerializer.Serialize(p.Status, UrsaJsonContext.Default.PodStatus)}");

    public async Task<List<Event>> EventsForAsync(string pod)
    {
        var list = await Client.ListAsync<Event>(ResourceRef.Events, new ListOptions { Namespace = "default" }, CancellationToken.None);
        return [.. list.Items.Where(e => e.InvolvedObject?.Name == pod)];
    }

    /// <summary>Events are written asynchronously: waits until one matching <paramref name="match"/> exists.</summary>
    public Task<List<Event>> WaitForEventAsync(string pod, Func<Event, bool> match, string awaited) =>
        Eventually.UntilAsync(() => EventsForAsync(pod), events => events.Any(match), TimeSpan.FromSeconds(15),
            events => $"{awaited} on pod {pod}; events so far: {string.Join("; ", events.Select(e => $"{e.Reason}: {e.Message}"))}");

    private static bool IsShimOf(string procDirectory, string dataDirectory) => IsProcessOf(procDirectory, "containerd-shim", dataDirectory);

    private static bool IsProcessOf(string procDirectory, string program, string dataDirectory)
    {
        try
        {
            var commandLine = File.ReadAllText(Path.Combine(procDirectory, "cmdline")).Replace('\0', ' ');
            return commandLine.Contains(program, StringComparison.Ordinal) && commandLine.Contains(dataDirectory, StringComparison.Ordinal);
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }
}
