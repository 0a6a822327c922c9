using System.Text.Json.Serialization;
using Ursa.Api.Schema;

namespace Ursa.Api.Core;

/// <summary>Observed state of a pod.</summary>
public sealed class PodStatus
{
    /// <summary>Pending, Running, Succeeded, Failed or Unknown.</summary>
    [JsonPropertyName("phase")]
    public string? Phase { get; set; }

    /// <summary>Current service state.</summary>
    [PatchMergeKey("type")]
    [PatchStrategy("merge")]
    [JsonPropertyName("conditions")]
    public List<PodCondition>? Conditions { get; set; }

    /// <summary>Human-readable detail about the pod's state.</summary>
    [JsonPropertyName("message")]
    public string? Message { get; set; }

    /// <summary>Brief CamelCase reason for the pod's state.</summary>
    [JsonPropertyName("reason")]
    public string? Reason { get; set; }

    /// <summary>Node the pod is expected to run on after preemption.</summary>
    [JsonPropertyName("nominatedNodeName")]
    public string? NominatedNodeName { get; set; }

    /// <summary>IP of the node the pod runs on.</summary>
    [JsonPropertyName("hostIP")]
    public string? HostIP { get; set; }

    /// <summary>IPs of the node.</summary>
    [JsonPropertyName("hostIPs")]
    public List<HostIp>? HostIPs { get; set; }

    /// <summary>IP of the pod.</summary>
    [JsonPropertyName("podIP")]
    public string? PodIP { get; set; }

    /// <summary>IPs of the pod.</summary>
    [PatchMergeKey("ip")]
    [PatchStrategy("merge")]
    [JsonPropertyName("podIPs")]
    public List<PodIp>? PodIPs { get; set; }

    /// <summary>When the node agent accepted the pod.</summary>
    [JsonPropertyName("startTime")]
    public DateTimeOffset? StartTime { get; set; }

    /// <summary>Status of each init container.</summary>
    [JsonPropertyName("initContainerStatuses")]
    public List<ContainerStatus>? InitContainerStatuses { get; set; }

    /// <summary>Status of each container.</summary>
    [JsonPropertyName("containerStatuses")]
    public List<ContainerStatus>? ContainerStatuses { get; set; }

    /// <summary>Guaranteed, Burstable or BestEffort.</summary>
    [JsonPropertyName("qosClass")]
    public string? QosClass { get; set; }

    /// <summary>Status of the VM of a VM pod.</summary>
    [JsonPropertyName("virtualMachineStatus")]
    public VirtualMachineStatus? VirtualMachineStatus { get; set; }
}
