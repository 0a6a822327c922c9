using System.Globalization;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Ursa.Api.Coordination;
using Ursa.Client.Informers;
using Ursa.Client.Rest;

namespace Ursa.NodeAgent.Hollow;

/// <summary>
/// Many simulated node agents in one process (kubemark/KWOK style): each registers a Ready node with both
/// runtimes ready, renews a Lease in <c>kube-node-lease</c>, and reports every pod bound to it as Running at
/// once. For measuring the control plane at scale on one machine; no pod actually runs.
/// </summary>
public sealed partial class HollowNodeFleet(IApiClient client, HollowNodeOptions options, TimeProvider time, ILogger logger) : IInformerHandler<Pod>
{
    private readonly Channel<Pod> _toStart = Channel.CreateUnbounded<Pod>(new UnboundedChannelOptions { SingleReader = false });
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

    /// <summary>Heartbeats and pod reporting until cancelled.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var pods = new Informer<Pod>(client, ResourceRef.Pods, new ListOptions { Tenant = "all" }, time, logger);
        pods.AddHandler(this);
        var reporters = Enumerable.Range(0, options.Parallelism).Select(_ => ReportPodsAsync(cancellationToken)).ToList();
        try
        {
            await Task.WhenAll([pods.RunAsync(cancellationToken), HeartbeatAsync(cancellationToken), .. reporters]).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    public void OnAdd(Pod obj) => Consider(obj);

    public void OnUpdate(Pod oldObj, Pod newObj) => Consider(newObj);

    public void OnDelete(Pod obj)
    {
    }

    private void Consider(Pod pod)
    {
        if (pod.Spec?.NodeName is { } node && _names.Contains(node) && pod.Status?.Phase is null or "Pending" && pod.Metadata.DeletionTimestamp is null)
        {
            _toStart.Writer.TryWrite(pod);
        }
    }

    private async Task ReportPodsAsync(CancellationToken cancellationToken)
    {
        await foreach (var pod in _toStart.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            var patch = RunningPatch(pod, time.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
            try
            {
                await client.PatchAsync<Pod>(ResourceRef.Pods, pod.Metadata.Tenant, pod.Metadata.Namespace, pod.Metadata.Name!, PatchType.StrategicMerge, patch, "status", cancellationToken).ConfigureAwait(false);
                Interlocked.Increment(ref _started);
            }
            catch (ApiStatusException e) when (e.IsNotFound)
            {
            }
        }
    }

    /// <summary>The status a real agent would report once everything in the pod runs: phase, conditions, and each
    /// container (or the VM) running and ready.</summary>
    private static string RunningPatch(Pod pod, string now)
    {
        var conditions = new JsonArray();
        foreach (var type in new[] { "Initialized", "ContainersReady", "Ready" })
        {
            conditions.Add(new JsonObject { ["type"] = type, ["status"] = "True", ["lastTransitionTime"] = now });
        }

        var status = new JsonObject
        {
            ["phase"] = "Running",
            ["startTime"] = now,
            ["hostIP"] = "127.0.0.1",
            ["podIP"] = "127.0.0.1",
            ["conditions"] = conditions,
        };
        if (pod.Spec?.VirtualMachine is { } vm)
        {
            status["virtualMachineStatus"] = new JsonObject { ["name"] = vm.Name, ["state"] = "active", ["powerState"] = "running", ["ready"] = true, ["restartCount"] = 0 };
        }
        else
        {
            status["containerStatuses"] = new JsonArray((pod.Spec?.Containers ?? []).Select(c => (JsonNode)new JsonObject
            {
                ["name"] = c.Name,
                ["image"] = c.Image,
                ["imageID"] = c.Image,
                ["containerID"] = $"hollow://{pod.Metadata.Uid}/{c.Name}",
                ["ready"] = true,
                ["started"] = true,
                ["restartCount"] = 0,
                ["state"] = new JsonObject { ["running"] = new JsonObject { ["startedAt"] = now } },
            }).ToArray());
        }

        return new JsonObject { ["status"] = status }.ToJsonString();
    }

    private async Task HeartbeatAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(options.HeartbeatInterval, time);
        do
        {
            await Parallel.ForEachAsync(_names, new ParallelOptions { MaxDegreeOfParallelism = options.Parallelism, CancellationToken = cancellationToken }, async (name, ct) =>
            {
                try
                {
                    await RenewLeaseAsync(name, ct).ConfigureAwait(false);
                }
                catch (ApiStatusException e)
                {
                    Log.HeartbeatFailed(logger, name, e.Message);
                }
            }).ConfigureAwait(false);
        }
        while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false));
    }

    private async Task RenewLeaseAsync(string node, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var patch = $$$"""{"spec":{"holderIdentity":"{{{node}}}","leaseDurationSeconds":40,"renewTime":"{{{now.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture)}}}"}}""";
        try
        {
            await client.PatchAsync<Lease>(ResourceRef.Leases, "system", "kube-node-lease", node, PatchType.Merge, patch, null, cancellationToken).ConfigureAwait(false);
        }
        catch (ApiStatusException e) when (e.IsNotFound)
        {
            var lease = new Lease
            {
                Metadata = new ObjectMeta { Name = node, Namespace = "kube-node-lease", Tenant = "system" },
                Spec = new LeaseSpec { HolderIdentity = node, LeaseDurationSeconds = 40, RenewTime = now, AcquireTime = now },
            };
            await client.CreateAsync(ResourceRef.Leases, lease, cancellationToken).ConfigureAwait(false);
        }
    }

    private Node NewNode(string name) => new()
    {
        Metadata = new ObjectMeta
        {
            Name = name,
            Labels = new() { ["kubernetes.io/hostname"] = name, ["node.ursa.io/hollow"] = "true" },
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
        [LoggerMessage(300, LogLevel.Debug, "Hollow node {Node} heartbeat failed: {Reason}")]
        public static partial void HeartbeatFailed(ILogger logger, string node, string reason);
    }
}
