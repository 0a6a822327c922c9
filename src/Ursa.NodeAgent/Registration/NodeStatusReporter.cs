using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Ursa.Api.Serialization;
using Ursa.Client.Rest;
using Ursa.NodeAgent.Agent;
using Ursa.NodeAgent.Runtimes;

namespace Ursa.NodeAgent.Registration;

/// <summary>
/// Registers the agent's Node and keeps its status true: every interval it probes the runtimes and writes the
/// status when a condition, runtime or allocatable changed, and at least once a minute otherwise (the Lease is the
/// heartbeat; this keeps <c>lastHeartbeatTime</c> from looking dead to people reading it).
/// </summary>
public sealed partial class NodeStatusReporter(IApiClient client, AgentOptions options, MachineInfo machine, IRuntimeProbe probe, TimeProvider time, ILogger logger)
{
    private static readonly TimeSpan RefreshEvenIfUnchanged = TimeSpan.FromMinutes(1);
    private NodeStatus? _written;
    private DateTimeOffset _writtenAt;

    /// <summary>The status last written.</summary>
    public NodeStatus? Current => _written;

    /// <summary>Creates the Node, or takes over an existing one of the same name (its spec - taints,
    /// unschedulable - is left as the cluster set it), and writes a first status.</summary>
    public async Task RegisterAsync(CancellationToken cancellationToken)
    {
        var health = await probe.ProbeAsync(cancellationToken).ConfigureAwait(false);
        var status = NodeStatusBuilder.Build(machine, options, health, null, time.GetUtcNow());
        var node = new Api.Core.Node
        {
            Metadata = new ObjectMeta
            {
                Name = options.NodeName,
                Labels = new()
                {
                    ["kubernetes.io/hostname"] = options.NodeName,
                    ["kubernetes.io/os"] = "linux",
                    ["kubernetes.io/arch"] = machine.Architecture,
                },
            },
            Spec = new NodeSpec(),
            Status = status,
        };
        try
        {
            await client.CreateAsync(ResourceRef.Nodes, node, cancellationToken).ConfigureAwait(false);
            Log.Registered(logger, options.NodeName);
        }
        catch (ApiStatusException e) when (e.IsAlreadyExists)
        {
            Log.Readopted(logger, options.NodeName);
        }

        await WriteAsync(status, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>One probe; writes the status if it changed or is a minute old. Returns whether it wrote.</summary>
    public async Task<bool> UpdateOnceAsync(CancellationToken cancellationToken)
    {
        var health = await probe.ProbeAsync(cancellationToken).ConfigureAwait(false);
        var now = time.GetUtcNow();
        var status = NodeStatusBuilder.Build(machine, options, health, _written, now);
        if (!NodeStatusBuilder.Differs(_written, status) && now - _writtenAt < RefreshEvenIfUnchanged)
        {
            return false;
        }

        await WriteAsync(status, cancellationToken).ConfigureAwait(false);
        return true;
    }

    private async Task WriteAsync(NodeStatus status, CancellationToken cancellationToken)
    {
        var patch = new JsonObject { ["status"] = JsonSerializer.SerializeToNode(status, UrsaJsonContext.Default.NodeStatus) };
        await client.PatchAsync<Api.Core.Node>(ResourceRef.Nodes, null, null, options.NodeName, PatchType.Merge, patch.ToJsonString(), "status", cancellationToken).ConfigureAwait(false);
        if (NodeStatusBuilder.Differs(_written, status))
        {
            Log.StatusChanged(logger, options.NodeName, string.Join(", ", status.Conditions!.Select(c => $"{c.Type}={c.Status}")));
        }

        _written = status;
        _writtenAt = time.GetUtcNow();
    }

    private static partial class Log
    {
        [LoggerMessage(410, LogLevel.Information, "Registered node {Node}")]
        public static partial void Registered(ILogger logger, string node);

        [LoggerMessage(411, LogLevel.Information, "Node {Node} already exists; taking it over")]
        public static partial void Readopted(ILogger logger, string node);

        [LoggerMessage(412, LogLevel.Information, "Node {Node} status: {Conditions}")]
        public static partial void StatusChanged(ILogger logger, string node, string conditions);

    }
}
