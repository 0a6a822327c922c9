using Microsoft.Extensions.Logging;
using Ursa.Cli.Commands;
using Ursa.Client.Connection;
using Ursa.Client.Rest;
using Ursa.Cri;
using Ursa.NodeAgent.Agent;
using Ursa.NodeAgent.Runtimes;
using Ursa.NodeAgent.Streaming;
using Ursa.Runtimes.Containerd;
using Ursa.Runtimes.Qemu.Network;
using VmRuntime = Ursa.Runtimes.Qemu.Service.VmRuntime;
using VmRuntimeHost = Ursa.Runtimes.Qemu.VmRuntimeHost;
using VmRuntimeOptions = Ursa.Runtimes.Qemu.VmRuntimeOptions;

namespace Ursa.Cli;

/// <summary>
/// The node half of <c>ursa up</c> (and all of <c>ursa agent</c>): containerd managed by Ursa when no runtime is
/// given, and the node agent using it. Started after the API server, stopped before it: the agent first (running
/// containers are left alone and re-adopted next time), then containerd, whose shims keep running containers alive.
/// </summary>
public sealed partial class NodeStack : IAsyncDisposable
{
    private readonly ManagedContainerd? _containerd;
    private readonly VmRuntimeHost? _vmRuntime;
    private readonly ApiClient _client;
    private readonly CancellationTokenSource _stop = new();
    private Task _run = Task.CompletedTask;
    private Task _guests = Task.CompletedTask;

    private NodeStack(ManagedContainerd? containerd, VmRuntimeHost? vmRuntime, ApiClient client, NodeAgentHost agent)
    {
        _containerd = containerd;
        _vmRuntime = vmRuntime;
        _client = client;
        Agent = agent;
    }

    /// <summary>The agent.</summary>
    public NodeAgentHost Agent { get; }

    /// <summary>Starts managed containerd when <paramref name="managed"/> is given (and makes it the container
    /// runtime if <paramref name="agent"/> names none), then the agent; returns once the Node is registered.</summary>
    /// <param name="connection">The API server.</param>
    /// <param name="agent">Agent settings.</param>
    /// <param name="managed">Managed containerd's settings, or null to use the runtimes the agent names.</param>
    /// <param name="streaming">Certificates of the logs/exec server, or null for none.</param>
    /// <param name="loggers">Logging.</param>
    /// <param name="cancellationToken">Aborts start-up.</param>
    /// <param name="vmRuntimeDirectory">Root of a VM runtime to run beside managed containerd (null: none).</param>
    /// <param name="serveVmRuntimeSocket">Also serve that VM runtime over gRPC on <c>vm-runtime.sock</c> in its root,
    /// for tools and raw benchmarks; the agent calls it in-process either way.</param>
    public static async Task<NodeStack> StartAsync(ClusterConnection connection, AgentOptions agent, ContainerdOptions? managed, NodeStreamingOptions? streaming, ILoggerFactory loggers, CancellationToken cancellationToken, string? vmRuntimeDirectory = null, bool serveVmRuntimeSocket = false)
    {
        ArgumentNullException.ThrowIfNull(agent);
        ManagedContainerd? containerd = null;
        if (managed is not null)
        {
            containerd = new ManagedContainerd(managed, ProcessCommandRunner.Instance, TimeProvider.System, loggers);
            await containerd.StartAsync(cancellationToken).ConfigureAwait(false);
            if (string.IsNullOrWhiteSpace(agent.Runtimes))
            {
                agent.Runtimes = $"containerd,container,unix://{containerd.SocketPath}";
            }
        }

        VmRuntimeHost? vmRuntime = null;
        if (managed is not null && vmRuntimeDirectory is not null)
        {
            vmRuntime = await StartVmRuntimeAsync(managed, vmRuntimeDirectory, serveVmRuntimeSocket, loggers, cancellationToken).ConfigureAwait(false);
            var entry = $"qemu,vm,{InProcessVmRuntime}";
            if (!agent.Runtimes.Split(';').Contains(entry, StringComparer.Ordinal))
            {
                // A restart with the same options (ursa up again in-process) finds it registered already.
                agent.Runtimes += ";" + entry;
            }
        }

        var client = new ApiClient(connection);
        NodeAgentHost host;
        try
        {
            // Managed containerd's streaming server listens on the loopback of its own namespace: dial from inside it.
            Func<System.Net.IPEndPoint, CancellationToken, ValueTask<Stream>>? dial = managed is null
                ? null
                : async (endpoint, ct) => await NetworkNamespaceDialer.ForName(managed.NetworkNamespace).ConnectAsync(endpoint, ct).ConfigureAwait(false);
            host = new NodeAgentHost(client, agent, TimeProvider.System, loggers, streaming, dial, Connect(vmRuntime));
        }
        catch
        {
            client.Dispose();
            if (vmRuntime is not null) await vmRuntime.DisposeAsync().ConfigureAwait(false);
            if (containerd is not null) await containerd.StopAsync(deleteNetwork: false, CancellationToken.None).ConfigureAwait(false);
            throw;
        }

        var stack = new NodeStack(containerd, vmRuntime, client, host);
        stack._run = host.RunAsync(stack._stop.Token);
        if (containerd is not null)
        {
            // In the background: a first build takes ~15 s and containers need none of it.
            stack._guests = PublishGuestImagesAsync(containerd, loggers, stack._stop.Token);
        }

        await Task.WhenAny(host.Registered, stack._run).WaitAsync(cancellationToken).ConfigureAwait(false);
        if (stack._run.IsFaulted)
        {
            await stack._run.ConfigureAwait(false);
        }

        return stack;
    }

    /// <summary>The VM runtime run beside managed containerd, called in-process by the agent (null: none).</summary>
    public VmRuntime? VmRuntime => _vmRuntime?.Runtime;

    /// <summary>
    /// The runtime entry of the in-process VM runtime: the registry still maps the vm workload type to it like to any
    /// runtime, and <see cref="Connect"/> hands the agent the runtime object itself for it instead of a gRPC client
    /// (no second Kestrel host, no HTTP/2 client to it: ~40 MiB of the agent's resident memory, see docs/benchmarks.md).
    /// </summary>
    public const string InProcessVmRuntime = "in-process://vm-runtime";

    /// <summary>Opens one runtime entry's services: the in-process VM runtime for its entry, else a CRI client on the
    /// entry's socket (an external VM runtime named with --runtimes still goes over gRPC).</summary>
    private static Func<RuntimeEndpointSpec, (IRuntimeService Runtime, IImageService Images)> Connect(VmRuntimeHost? vmRuntime) => spec =>
    {
        if (spec.Endpoint == InProcessVmRuntime)
        {
            var runtime = vmRuntime?.Runtime ?? throw new FormatException($"runtime {spec.Name}: {InProcessVmRuntime} names the VM runtime ursa runs beside managed containerd, and none runs here");
            return (runtime, runtime);
        }

        var client = CriClient.ForUnixSocket(spec.Endpoint);
        return (client, client);
    };

    /// <summary>Completes when the agent stops on its own (a fault).</summary>
    public Task Completion => _run;

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await _run.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }

        await _guests.ConfigureAwait(false);
        await Agent.DisposeAsync().ConfigureAwait(false);
        _client.Dispose();
        _stop.Dispose();
        if (_vmRuntime is not null)
        {
            // VMs keep running; the next start adopts them.
            await _vmRuntime.DisposeAsync().ConfigureAwait(false);
        }

        if (_containerd is not null)
        {
            // Keep the namespace: running pods' network lives there and is re-adopted on the next start.
            await _containerd.StopAsync(deleteNetwork: false, CancellationToken.None).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// The VM runtime beside managed containerd: VM pods join containerd's pod network (same CNI list, bridge in
    /// its namespace) and pull OCI disk images from the same local registry.
    /// </summary>
    private static async Task<VmRuntimeHost> StartVmRuntimeAsync(ContainerdOptions managed, string root, bool serveSocket, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var options = new VmRuntimeOptions
        {
            RootDirectory = root,
            Accelerator = await VmRuntimeCommand.ChooseAcceleratorAsync("auto", "/usr/bin/qemu-system-x86_64", loggers.CreateLogger("Ursa.VmRuntime"), cancellationToken).ConfigureAwait(false) ?? Runtimes.Qemu.Launch.QemuAccelerator.Tcg,
            RegistryMirrors = new Dictionary<string, string> { [managed.RegistryHost] = "http://" + managed.RegistryAddress },
            Network = new PodNetworkOptions
            {
                ConfigListFile = Path.Combine(managed.CniConfigDirectory, CniConfig.FileName),
                PluginDirectory = managed.Tools.CniBinDirectory,
                BridgeNamespace = managed.NetworkNamespace,
            },
        };
        return await VmRuntimeHost.StartAsync(serveSocket ? Path.Combine(root, "vm-runtime.sock") : null, options, VmRuntimeCommand.CreateHttpClient(managed.NetworkNamespace), loggers, cancellationToken).ConfigureAwait(false);
    }
}
