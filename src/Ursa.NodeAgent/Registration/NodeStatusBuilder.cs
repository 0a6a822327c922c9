using System.Globalization;
using Ursa.NodeAgent.Agent;
using Ursa.NodeAgent.Runtimes;

namespace Ursa.NodeAgent.Registration;

/// <summary>
/// Pure: the node's status from the machine, the settings and each runtime's last probe. <c>Ready</c> follows the
/// primary runtime; <c>ContainerRuntimeReady</c> and <c>VmRuntimeReady</c> follow the runtime serving that workload
/// type (False with reason <c>NoRuntime</c> when none is registered, so the scheduler keeps such pods away).
/// Transition times carry over from the previous status while a condition's status is unchanged.
/// </summary>
public static class NodeStatusBuilder
{
    /// <summary>Condition names, one per workload type.</summary>
    public static string ConditionFor(WorkloadType type) => type == WorkloadType.Vm ? "VmRuntimeReady" : "ContainerRuntimeReady";

    public static NodeStatus Build(MachineInfo machine, AgentOptions options, IReadOnlyList<RuntimeHealth> runtimes, NodeStatus? previous, DateTimeOffset now)
    {
        var conditions = new List<NodeCondition>();
        var primary = runtimes.FirstOrDefault(r => r.Spec.IsPrimary);
        conditions.Add(primary is { Ready: true }
            ? Condition("Ready", true, "UrsaAgentReady", $"agent is posting ready status; primary runtime {primary.Spec.Name} is ready")
            : Condition("Ready", false, primary?.Reason ?? "RuntimeNotReady", $"primary runtime {primary?.Spec.Name ?? "(none)"} is not ready: {primary?.Message ?? "not probed yet"}"));
        foreach (var type in new[] { WorkloadType.Container, WorkloadType.Vm })
        {
            var health = runtimes.FirstOrDefault(r => r.Spec.WorkloadType == type);
            conditions.Add(health switch
            {
                null => Condition(ConditionFor(type), false, "NoRuntime", $"no runtime on this node serves {type.ToString().ToLowerInvariant()} pods"),
                { Ready: true } => Condition(ConditionFor(type), true, "RuntimeReady", $"{health.Spec.Name} ({health.Version}) is ready"),
                _ => Condition(ConditionFor(type), false, health.Reason ?? "RuntimeNotReady", $"{health.Spec.Name}: {health.Message}"),
            });
        }

        foreach (var condition in conditions)
        {
            condition.LastHeartbeatTime = now;
            var before = previous?.Conditions?.FirstOrDefault(c => c.Type == condition.Type);
            condition.LastTransitionTime = before is { LastTransitionTime: { } since } && before.Status == condition.Status ? since : now;
        }

        var allocatableCpu = Math.Max(0, (machine.Cpus * 1000L) - options.ReservedCpuMillis);
        var allocatableMemory = Math.Max(0, machine.MemoryBytes - options.ReservedMemoryBytes);
        var primaryVersion = primary?.Version;
        return new NodeStatus
        {
            Capacity = new()
            {
                ["cpu"] = machine.Cpus.ToString(CultureInfo.InvariantCulture),
                ["memory"] = Kibibytes(machine.MemoryBytes),
                ["pods"] = options.MaxPods.ToString(CultureInfo.InvariantCulture),
            },
            Allocatable = new()
            {
                ["cpu"] = allocatableCpu % 1000 == 0 ? (allocatableCpu / 1000).ToString(CultureInfo.InvariantCulture) : $"{allocatableCpu}m",
                ["memory"] = Kibibytes(allocatableMemory),
                ["pods"] = options.MaxPods.ToString(CultureInfo.InvariantCulture),
            },
            Conditions = conditions,
            Addresses =
            [
                new NodeAddress { Type = "InternalIP", Address = options.NodeAddress },
                new NodeAddress { Type = "Hostname", Address = options.NodeName },
            ],
            DaemonEndpoints = new NodeDaemonEndpoints { KubeletEndpoint = new DaemonEndpoint { Port = options.StreamingPort } },
            NodeInfo = new NodeSystemInfo
            {
                MachineID = machine.MachineId,
                SystemUUID = machine.MachineId,
                BootID = machine.BootId,
                KernelVersion = machine.KernelVersion,
                OsImage = machine.OsImage,
                ContainerRuntimeVersion = primaryVersion ?? "unknown",
                KubeletVersion = AgentVersion,
                KubeProxyVersion = AgentVersion,
                OperatingSystem = "linux",
                Architecture = machine.Architecture,
            },
            Runtimes = [.. runtimes.Select(r => new NodeRuntime
            {
                Name = r.Spec.Name,
                WorkloadType = r.Spec.WorkloadType == WorkloadType.Vm ? "vm" : "container",
                Ready = r.Ready,
                Version = r.Version,
                Primary = r.Spec.IsPrimary,
            })],
        };
    }

    /// <summary>The version the agent reports as kubeletVersion (kubectl get nodes shows it).</summary>
    public const string AgentVersion = "v1.33.0-ursa";

    /// <summary>True when the parts of a status the agent owns differ (heartbeat times aside).</summary>
    public static bool Differs(NodeStatus? a, NodeStatus b)
    {
        if (a is null) return true;
        static string Key(NodeStatus s) => string.Join('|', (s.Conditions ?? []).Select(c => $"{c.Type}={c.Status}/{c.Reason}/{c.Message}"))
            + string.Join('|', (s.Runtimes ?? []).Select(r => $"{r.Name}={r.Ready}/{r.Version}"))
            + string.Join('|', (s.Allocatable ?? []).Select(kv => $"{kv.Key}={kv.Value}"));
        return Key(a) != Key(b);
    }

    private static NodeCondition Condition(string type, bool status, string reason, string message) =>
        new() { Type = type, Status = status ? "True" : "False", Reason = reason, Message = message };

    private static string Kibibytes(long bytes) => (bytes / 1024).ToString(CultureInfo.InvariantCulture) + "Ki";
}
