using System.Text.Json.Serialization;
using Ursa.Api.Schema;

namespace Ursa.Api.Core;

/// <summary>Desired state of a pod. Holds either containers or a virtualMachine, never both.</summary>
public sealed class PodSpec
{
    /// <summary>Containers of the pod. Exclusive with virtualMachine.</summary>
    [PatchMergeKey("name")]
    [PatchStrategy("merge")]
    [JsonPropertyName("containers")]
    public List<Container>? Containers { get; set; }

    /// <summary>Containers run to completion, in order, before the containers start.</summary>
    [PatchMergeKey("name")]
    [PatchStrategy("merge")]
    [JsonPropertyName("initContainers")]
    public List<Container>? InitContainers { get; set; }

    /// <summary>
    /// Ephemeral containers. Ursa sets exactly one on a VM pod: the VM's console as a container named after the VM
    /// (stdin and tty), so stock <c>kubectl logs</c> and <c>kubectl attach</c> find a container to talk to.
    /// </summary>
    [PatchMergeKey("name")]
    [PatchStrategy("merge")]
    [JsonPropertyName("ephemeralContainers")]
    public List<Container>? EphemeralContainers { get; set; }

    /// <summary>The one virtual machine of a VM pod. Exclusive with containers.</summary>
    [JsonPropertyName("virtualMachine")]
    public VirtualMachine? VirtualMachine { get; set; }

    /// <summary>Network interfaces of a VM pod beyond its pod-network NIC.</summary>
    [PatchMergeKey("name")]
    [PatchStrategy("merge")]
    [JsonPropertyName("nics")]
    public List<Nic>? Nics { get; set; }

    /// <summary>Volumes that containers or the VM can mount.</summary>
    [PatchMergeKey("name")]
    [PatchStrategy("merge")]
    [JsonPropertyName("volumes")]
    public List<Volume>? Volumes { get; set; }

    /// <summary>Always, OnFailure or Never. Default Always.</summary>
    [JsonPropertyName("restartPolicy")]
    public string? RestartPolicy { get; set; }

    /// <summary>Seconds to wait after a polite stop before killing. Default 30.</summary>
    [JsonPropertyName("terminationGracePeriodSeconds")]
    public long? TerminationGracePeriodSeconds { get; set; }

    /// <summary>Seconds the pod may be active before it is failed.</summary>
    [JsonPropertyName("activeDeadlineSeconds")]
    public long? ActiveDeadlineSeconds { get; set; }

    /// <summary>ClusterFirst, Default, None or ClusterFirstWithHostNet.</summary>
    [JsonPropertyName("dnsPolicy")]
    public string? DnsPolicy { get; set; }

    /// <summary>Labels a node must have to run the pod.</summary>
    [JsonPropertyName("nodeSelector")]
    public Dictionary<string, string>? NodeSelector { get; set; }

    /// <summary>Service account the pod runs as.</summary>
    [JsonPropertyName("serviceAccountName")]
    public string? ServiceAccountName { get; set; }

    /// <summary>Deprecated alias of serviceAccountName.</summary>
    [JsonPropertyName("serviceAccount")]
    public string? ServiceAccount { get; set; }

    /// <summary>Whether a service account token is mounted.</summary>
    [JsonPropertyName("automountServiceAccountToken")]
    public bool? AutomountServiceAccountToken { get; set; }

    /// <summary>Node the pod is bound to; set by the scheduler through the binding subresource.</summary>
    [JsonPropertyName("nodeName")]
    public string? NodeName { get; set; }

    /// <summary>Use the node's network namespace.</summary>
    [JsonPropertyName("hostNetwork")]
    public bool? HostNetwork { get; set; }

    /// <summary>Use the node's PID namespace.</summary>
    [JsonPropertyName("hostPID")]
    public bool? HostPID { get; set; }

    /// <summary>Use the node's IPC namespace.</summary>
    [JsonPropertyName("hostIPC")]
    public bool? HostIPC { get; set; }

    /// <summary>Share one PID namespace among the pod's containers.</summary>
    [JsonPropertyName("shareProcessNamespace")]
    public bool? ShareProcessNamespace { get; set; }

    /// <summary>Pod-level security attributes.</summary>
    [JsonPropertyName("securityContext")]
    public PodSecurityContext? SecurityContext { get; set; }

    /// <summary>Secrets used to pull images.</summary>
    [PatchMergeKey("name")]
    [PatchStrategy("merge")]
    [JsonPropertyName("imagePullSecrets")]
    public List<LocalObjectReference>? ImagePullSecrets { get; set; }

    /// <summary>Hostname of the pod; defaults to the pod name.</summary>
    [JsonPropertyName("hostname")]
    public string? Hostname { get; set; }

    /// <summary>Subdomain of the pod's FQDN.</summary>
    [JsonPropertyName("subdomain")]
    public string? Subdomain { get; set; }

    /// <summary>Scheduling constraints relative to nodes and other pods.</summary>
    [JsonPropertyName("affinity")]
    public Affinity? Affinity { get; set; }

    /// <summary>Scheduler that places the pod. Default default-scheduler.</summary>
    [JsonPropertyName("schedulerName")]
    public string? SchedulerName { get; set; }

    /// <summary>Taints the pod tolerates.</summary>
    [JsonPropertyName("tolerations")]
    public List<Toleration>? Tolerations { get; set; }

    /// <summary>Entries added to the pod's hosts file.</summary>
    [PatchMergeKey("ip")]
    [PatchStrategy("merge")]
    [JsonPropertyName("hostAliases")]
    public List<HostAlias>? HostAliases { get; set; }

    /// <summary>Priority class of the pod.</summary>
    [JsonPropertyName("priorityClassName")]
    public string? PriorityClassName { get; set; }

    /// <summary>Priority value resolved from priorityClassName.</summary>
    [JsonPropertyName("priority")]
    public int? Priority { get; set; }

    /// <summary>PreemptLowerPriority or Never.</summary>
    [JsonPropertyName("preemptionPolicy")]
    public string? PreemptionPolicy { get; set; }

    /// <summary>DNS parameters beyond dnsPolicy.</summary>
    [JsonPropertyName("dnsConfig")]
    public PodDnsConfig? DnsConfig { get; set; }

    /// <summary>Extra conditions required for readiness.</summary>
    [JsonPropertyName("readinessGates")]
    public List<PodReadinessGate>? ReadinessGates { get; set; }

    /// <summary>Runtime class to run the pod with.</summary>
    [JsonPropertyName("runtimeClassName")]
    public string? RuntimeClassName { get; set; }

    /// <summary>Whether service environment variables are injected.</summary>
    [JsonPropertyName("enableServiceLinks")]
    public bool? EnableServiceLinks { get; set; }

    /// <summary>Resources the pod's sandbox or VM uses beyond its containers' requests.</summary>
    [JsonPropertyName("overhead")]
    public Dictionary<string, string>? Overhead { get; set; }

    /// <summary>How pods spread across topology domains.</summary>
    [PatchMergeKey("topologyKey")]
    [PatchStrategy("merge")]
    [JsonPropertyName("topologySpreadConstraints")]
    public List<TopologySpreadConstraint>? TopologySpreadConstraints { get; set; }

    /// <summary>Operating system the pod needs.</summary>
    [JsonPropertyName("os")]
    public PodOs? Os { get; set; }
}
