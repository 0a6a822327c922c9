using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Ursa.Client.Informers;
using Ursa.Client.Rest;

using Ursa.NodeAgent.Registration;

namespace Ursa.NodeAgent.Hollow;

/// <summary>
/// Many simulated node agents in one process (kubemark/KWOK style): each registers a Ready node with both
/// runtimes ready, renews a Lease in <c>kube-node-lease</c>, and reports every pod bound to it as Running at
/// once. For measuring the control plane at scale on one machine; no pod actually runs. Pods can ask to exit
/// (<see cref="HollowExit"/>); a node can be stopped (<see cref="Stop"/>) to simulate a dead machine.
/// </summary>
public sealed partial class HollowNodeFleet(IApiClient client, HollowNodeOptions options, TimeProvider time, ILogger logger) : IInformerHandler<Pod>
{
    private readonly Channel<PodWork> _work = Channel.CreateUnbounded<PodWork>(new UnboundedChannelOptions { SingleReader = false });
    private readonly ConcurrentDictionary<string, byte> _stopped = new(StringComparer.Ordinal);
    private HashSet<string> _names = [];
    private long _started;

    /// <summary>Pods reported Running so far.</summary>
    public long PodsStarted => Interlocked.Read(ref _started);

    public IReadOnlyCollection<string> NodeNames => _names;

    /// <summary>Registers every node (in parallel) and returns when all exist.</summary>
    public async Task RegisterAsync(CancellationToken cancellationToken)
    {
        options.Validate();
        _names = Enumerable.Range(0, options.Count).Select(i => $"{options.NamePrefix}-{i}").ToHashSet(StringComparer.Ordinal);
        await Parallel.ForEachAsync(_names, new ParallelOptions { MaxDegreeOfParallelism = options.Parallelism, CancellationToken = cancellationToken }, async (name, ct) =>
        {
            try
            {
                await client.CreateAsync(ResourceRef.Nodes, NewNode(name), ct).ConfigureAwait(false);
            }
            catch (ApiStatusException e) when (e.IsAlreadyExists)
            {
                await client.UpdateAsync(ResourceRef.Nodes, NewNode(name), "status", ct).ConfigureAwait(false);
            }
        }).ConfigureAwait(false);
    }

    /// <summary>
    /// Simulates the node's machine going away: no more Lease renewals, pod reports or deletion confirmations
    /// from it (its Node object stays, as a dead kubelet's does).
    /// </summary>
    public void Stop(string node) => _stopped[node] = 0;

    /// <summary>The node's machine is back: it reports Ready again and resumes heartbeats.</summary>
    public async Task ResumeAsync(string node, CancellationToken cancellationToken)
    {
        await client.UpdateAsync(ResourceRef.Nodes, NewNode(node), "status", cancellationToken).ConfigureAwait(false);
        _stopped.TryRemove(node, out _);
        await RenewLeaseAsync(node, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Heartbeats and pod reporting until cancelled.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var pods = new Informer<Pod>(client, ResourceRef.Pods, new ListOptions { Tenant = "all" }, time, logger);
        pods.AddHandler(this);
        var reporters = Enumerable.Range(0, options.Parallelism).Select(_ => WorkPodsAsync(cancellationToken)).ToList();
        try
        {
            await Task.WhenAll([pods.RunAsync(cancellationToken), HeartbeatAsync(cancellationToken), .. reporters]).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    private async Task HeartbeatAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(options.HeartbeatInterval, time);
        do
        {
            await Parallel.ForEachAsync(_names.Where(n => !_stopped.ContainsKey(n)), new ParallelOptions { MaxDegreeOfParallelism = options.Parallelism, CancellationToken = cancellationToken }, async (name, ct) =>
            {
                await RenewLeaseAsync(name, ct).ConfigureAwait(false);
            }).ConfigureAwait(false);
        }
        while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false));
    }

    /// <summary>The same heartbeat a real agent sends (failures are logged, and the next tick tries again).</summary>
    private Task<bool> RenewLeaseAsync(string node, CancellationToken cancellationToken) =>
        new NodeLease(client, node, TimeSpan.FromSeconds(40), time, logger).RenewAsync(cancellationToken);

    private Node NewNode(string name) => new()
    {
        Metadata = new ObjectMeta
        {
            Name = name,
            Labels = new Dictionary<string, string>(options.Labels, StringComparer.Ordinal) { ["kubernetes.io/hostname"] = name, ["node.ursa.io/hollow"] = "true" },
        },
        Spec = new NodeSpec(),
        Status = new NodeStatus
        {
            Capacity = new() { ["cpu"] = options.Cpu, ["memory"] = options.Memory, ["pods"] = options.Pods },
            Allocatable = new() { ["cpu"] = options.Cpu, ["memory"] = options.Memory, ["pods"] = options.Pods },
            Conditions =
            [
                new NodeCondition { Type = "Ready", Status = "True", Reason = "HollowNodeReady", Message = "simulated node" },
                new NodeCondition { Type = "ContainerRuntimeReady", Status = "True", Reason = "HollowRuntime" },
                new NodeCondition { Type = "VmRuntimeReady", Status = "True", Reason = "HollowRuntime" },
            ],
            Addresses = [new NodeAddress { Type = "InternalIP", Address = "127.0.0.1" }, new NodeAddress { Type = "Hostname", Address = name }],
            NodeInfo = new NodeSystemInfo { KubeletVersion = "v1.33.0-ursa-hollow", OperatingSystem = "linux", Architecture = "amd64", ContainerRuntimeVersion = "hollow://1.0" },
        },
    };

    private static partial class Log
    {
        [LoggerMessage(301, LogLevel.Debug, "Hollow pod {Pod}: status report failed: {Reason}")]
        public static partial void PodReportFailed(ILogger logger, string pod, string reason);
    }
}
