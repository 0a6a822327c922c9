using System.Net;
using Microsoft.Extensions.Logging;
using Ursa.Client.Events;
using Ursa.Client.Rest;
using Ursa.Cri;
using Ursa.NodeAgent.Pods;
using Ursa.NodeAgent.Registration;
using Ursa.NodeAgent.Runtimes;
using Ursa.NodeAgent.Streaming;

namespace Ursa.NodeAgent.Agent;

/// <summary>
/// One node agent: the runtime registry, node registration and status, the Lease heartbeat, events and the pod
/// sync loop, started in that order (the node exists before pods are synced) and stopped together.
/// </summary>
/// <remarks>
/// <code>
///  --runtimes ──> RuntimeRegistry ──probe──> NodeStatusReporter ──> Node status (Ready, ContainerRuntimeReady, VmRuntimeReady)
///                       │                    NodeLease ───────────> Lease kube-node-lease/NODE
///                       └──resolve──> PodSyncLoop ──> PodSyncer ──CRI──> runtime    (status, events ──> API server)
/// </code>
/// </remarks>
public sealed partial class NodeAgentHost : IAsyncDisposable
{
    private readonly IApiClient _client;
    private readonly AgentOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly MachineInfo _machine;
    private readonly EventRecorder _events;
    private readonly NodeStatusReporter _status;
    private readonly NodeLease _lease;

    /// <summary>Wires an agent; <paramref name="connect"/> opens the CRI services of one runtime entry (default: a
    /// <see cref="CriClient"/> on its unix socket).</summary>
    /// <param name="client">The API server.</param>
    /// <param name="options">Settings.</param>
    /// <param name="time">The clock.</param>
    /// <param name="loggers">Logging.</param>
    /// <param name="streaming">Serving certificate and cluster CA for the logs/exec server; null runs none (the API
    /// server then answers logs/exec for this node's pods with "node unreachable").</param>
    /// <param name="dial">How to reach a runtime's streaming server (default: plain TCP in this network namespace).</param>
    /// <param name="connect">Opens one runtime's CRI services.</param>
    public NodeAgentHost(IApiClient client, AgentOptions options, TimeProvider time, ILoggerFactory loggers, NodeStreamingOptions? streaming = null,
        Func<IPEndPoint, CancellationToken, ValueTask<Stream>>? dial = null, Func<RuntimeEndpointSpec, (IRuntimeService Runtime, IImageService Images)>? connect = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(loggers);
        options.Validate();
        _client = client;
        _options = options;
        _time = time;
        _logger = loggers.CreateLogger<NodeAgentHost>();
        _machine = MachineInfo.Read();
        var specs = RuntimeSpecParser.Parse(options.Runtimes, options.PrimaryRuntime);
        Registry = new RuntimeRegistry(specs, connect ?? ConnectCri, loggers.CreateLogger<RuntimeRegistry>());
        _events = new EventRecorder(client, "ursa-agent", time);
        _status = new NodeStatusReporter(client, options, _machine, Registry, time, loggers.CreateLogger<NodeStatusReporter>());
        _lease = new NodeLease(client, options.NodeName, options.LeaseDuration, time, loggers.CreateLogger<NodeLease>());
        var cgroups = Directory.Exists("/sys/fs/cgroup") ? new PodCgroups("/sys/fs/cgroup", options.CgroupRoot) : null;
        Syncer = new PodSyncer(options, _machine, client, _events, time, loggers.CreateLogger<PodSyncer>(), cgroups);
        SyncLoop = new PodSyncLoop(client, options, Registry, Syncer, _events, time, loggers.CreateLogger<PodSyncLoop>());
        _actions = new VirtualMachines.VmActionController(client, options.NodeName, SyncLoop, Registry, _events, time, loggers.CreateLogger<VirtualMachines.VmActionController>());
        _streamingOptions = streaming;
        _loggers = loggers;
        Streaming = new CriStreamingBackend(SyncLoop, Registry, dial ?? DialAsync, time);
    }

    private readonly VirtualMachines.VmActionController _actions;
    private readonly NodeStreamingOptions? _streamingOptions;
    private readonly ILoggerFactory _loggers;
    private NodeStreamingServer? _streamingServer;

    /// <summary>What the logs/exec server calls.</summary>
    public CriStreamingBackend Streaming { get; }

    /// <summary>The runtimes this agent uses.</summary>
    public RuntimeRegistry Registry { get; }

    /// <summary>The per-pod sync logic.</summary>
    public PodSyncer Syncer { get; }

    /// <summary>The loop over this node's pods.</summary>
    public PodSyncLoop SyncLoop { get; }

    /// <summary>Completes once the Node is registered and its Lease written.</summary>
    public Task Registered => _registered.Task;

    private readonly TaskCompletionSource _registered = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Registers the node (retrying until the API server answers), then runs until cancelled.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(_options.RootDirectory);
        if (_streamingOptions is not null)
        {
            // Started first: with port 0 the port it got is what the Node advertises.
            _streamingOptions.Address = IPAddress.Parse(_options.NodeAddress);
            _streamingOptions.Port = _options.StreamingPort;
            _streamingServer = await NodeStreamingServer.StartAsync(_streamingOptions, Streaming, _loggers, cancellationToken).ConfigureAwait(false);
            _options.StreamingPort = _streamingServer.Port;
        }
        else
        {
            Log.NoStreaming(_logger, _options.NodeName);
        }

        var delay = TimeSpan.FromMilliseconds(200);
        while (true)
        {
            try
            {
                await _status.RegisterAsync(cancellationToken).ConfigureAwait(false);
                break;
            }
            catch (Exception e) when (e is ApiStatusException or HttpRequestException or IOException)
            {
                Log.RegisterRetry(_logger, _options.NodeName, e.Message);
                await Task.Delay(delay, _time, cancellationToken).ConfigureAwait(false);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromSeconds(5).Ticks));
            }
        }

        // The first heartbeat before "registered": a node without a Lease looks dead to the node lifecycle controller.
        await _lease.RenewAsync(cancellationToken).ConfigureAwait(false);
        _registered.TrySetResult();
        Log.Started(_logger, _options.NodeName, string.Join(", ", Registry.Runtimes.Select(r => $"{r.Spec.Name}({r.Spec.WorkloadType.ToString().ToLowerInvariant()}{(r.Spec.IsPrimary ? ", primary" : string.Empty)})={r.Health.Ready}")));
        try
        {
            await Task.WhenAll(
                _lease.RunAsync(_options.HeartbeatInterval, cancellationToken),
                StatusLoopAsync(cancellationToken),
                _events.RunAsync(cancellationToken),
                SyncLoop.RunAsync(cancellationToken),
                _actions.RunAsync(cancellationToken)).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    private async Task StatusLoopAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(_options.NodeStatusInterval, _time);
        var ready = ReadySet();
        while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
        {
            try
            {
                await _status.UpdateOnceAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is ApiStatusException or HttpRequestException or IOException)
            {
                Log.StatusFailed(_logger, _options.NodeName, e.Message);
            }

            var now = ReadySet();
            if (now != ready)
            {
                // A runtime came or went: pods waiting for it are synced now, not at their next retry.
                SyncLoop.RequeueAll();
                ready = now;
            }
        }
    }

    private string ReadySet() => string.Join(',', Registry.Runtimes.Where(r => r.Health.Ready).Select(r => r.Spec.Name));

    private static (IRuntimeService, IImageService) ConnectCri(RuntimeEndpointSpec spec)
    {
        var client = CriClient.ForUnixSocket(spec.Endpoint);
        return (client, client);
    }

    private static async ValueTask<Stream> DialAsync(IPEndPoint endpoint, CancellationToken cancellationToken)
    {
        var socket = new System.Net.Sockets.Socket(endpoint.AddressFamily, System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp);
        try
        {
            await socket.ConnectAsync(endpoint, cancellationToken).ConfigureAwait(false);
            return new System.Net.Sockets.NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_streamingServer is not null)
        {
            await _streamingServer.DisposeAsync().ConfigureAwait(false);
        }

        await Registry.DisposeAsync().ConfigureAwait(false);
    }

    private static partial class Log
    {
        [LoggerMessage(450, LogLevel.Information, "Node agent for {Node} running; runtimes: {Runtimes}")]
        public static partial void Started(ILogger logger, string node, string runtimes);

        [LoggerMessage(451, LogLevel.Information, "Node {Node} not registered yet ({Reason}); retrying")]
        public static partial void RegisterRetry(ILogger logger, string node, string reason);

        [LoggerMessage(453, LogLevel.Warning, "Node {Node} runs no logs/exec server (no serving certificate given): kubectl logs and exec will fail for its pods")]
        public static partial void NoStreaming(ILogger logger, string node);

        [LoggerMessage(452, LogLevel.Warning, "Node {Node} status update failed: {Reason}")]
        public static partial void StatusFailed(ILogger logger, string node, string reason);
    }
}
