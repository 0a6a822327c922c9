using System.Globalization;
using Ursa.Api.Apps;
using Ursa.Api.Batch;
using Ursa.Api.Coordination;
using Ursa.Api.Tenancy;
using PodActionObject = Ursa.Api.Core.Action;

namespace Ursa.ApiServer.Tables;

/// <summary>The columns <c>kubectl get</c> shows for each built-in kind, as Kubernetes prints them.</summary>
public static class BuiltInTables
{
    public static ITableConvertor Pods() => TableConvertor<Pod>.WithName()
        .Add("Ready", "string", "The number of containers (or the VM) ready out of the total.", (p, _) => PodColumns.Ready(p))
        .Add("Status", "string", "The aggregate status of the containers or the VM in this pod.", (p, _) => PodColumns.Status(p))
        .Add("Restarts", "string", "The number of times the containers or the VM restarted.", (p, now) => PodColumns.Restarts(p, now))
        .WithAge()
        .Add("IP", "string", "IP address allocated to the pod.", (p, _) => p.Status?.PodIP ?? "<none>", priority: 1)
        .Add("Node", "string", "Name of the node the pod is assigned to.", (p, _) => p.Spec?.NodeName ?? "<none>", priority: 1)
        .Add("Nominated Node", "string", "Node the pod is nominated to after preemption.", (p, _) => p.Status?.NominatedNodeName ?? "<none>", priority: 1)
        .Add("Readiness Gates", "string", "Readiness gates of the pod.", (p, _) => p.Spec?.ReadinessGates is { Count: > 0 } g ? string.Create(CultureInfo.InvariantCulture, $"0/{g.Count}") : "<none>", priority: 1)
        .Add("Workload", "string", "What the pod runs: containers or vm.", (p, _) => p.Spec?.VirtualMachine is null ? "containers" : "vm", priority: 1);

    public static ITableConvertor Nodes() => TableConvertor<Node>.WithName()
        .Add("Status", "string", "The status of the node.", (n, _) => NodeStatusText(n))
        .Add("Roles", "string", "The roles of the node.", (n, _) => NodeRoles(n))
        .WithAge()
        .Add("Version", "string", "Node agent version.", (n, _) => n.Status?.NodeInfo?.KubeletVersion ?? string.Empty)
        .Add("Internal-IP", "string", "Internal IP of the node.", (n, _) => Address(n, "InternalIP"), priority: 1)
        .Add("External-IP", "string", "External IP of the node.", (n, _) => Address(n, "ExternalIP"), priority: 1)
        .Add("OS-Image", "string", "OS image of the node.", (n, _) => n.Status?.NodeInfo?.OsImage ?? "<unknown>", priority: 1)
        .Add("Kernel-Version", "string", "Kernel version of the node.", (n, _) => n.Status?.NodeInfo?.KernelVersion ?? "<unknown>", priority: 1)
        .Add("Container-Runtime", "string", "Primary runtime of the node.", (n, _) => n.Status?.NodeInfo?.ContainerRuntimeVersion ?? "<unknown>", priority: 1)
        .Add("VM-Runtime", "string", "Whether the node's VM runtime is ready.", (n, _) => ConditionStatus(n, "VmRuntimeReady"), priority: 1);

    public static ITableConvertor Namespaces() => TableConvertor<Namespace>.WithName()
        .Add("Status", "string", "The status of the namespace.", (n, _) => n.Status?.Phase ?? "Active")
        .WithAge();

    public static ITableConvertor Tenants() => TableConvertor<Tenant>.WithName()
        .Add("Status", "string", "The status of the tenant.", (t, _) => t.Status?.Phase ?? "Active")
        .WithAge();

    public static ITableConvertor Events() => new TableConvertor<Event>()
        .Add("Last Seen", "string", "Time since the event was last seen.", (e, now) => HumanDuration.Since(e.LastTimestamp ?? e.EventTime ?? e.Metadata.CreationTimestamp, now))
        .Add("Type", "string", "Normal or Warning.", (e, _) => e.Type)
        .Add("Reason", "string", "Why the event happened.", (e, _) => e.Reason)
        .Add("Object", "string", "The object the event is about.", (e, _) => $"{e.InvolvedObject?.Kind?.ToLowerInvariant()}/{e.InvolvedObject?.Name}")
        .Add("Message", "string", "What happened.", (e, _) => e.Message)
        .Add(new TableColumn("Name", "string", "Name of the event.", 1, "name"), (e, _) => e.Metadata.Name);

    public static ITableConvertor Actions() => TableConvertor<PodActionObject>.WithName()
        .Add("Pod", "string", "Pod the action operates on.", (a, _) => a.Spec?.PodAction?.PodName)
        .Add("Operation", "string", "reboot, snapshot or restore.", (a, _) => OperationOf(a))
        .Add("Complete", "boolean", "Whether the action finished.", (a, _) => a.Status?.Complete ?? false)
        .Add("Error", "string", "Why the action failed.", (a, _) => a.Status?.Error ?? string.Empty)
        .WithAge();

    public static ITableConvertor Leases() => TableConvertor<Lease>.WithName()
        .Add("Holder", "string", "Holder of the lease.", (l, _) => l.Spec?.HolderIdentity ?? string.Empty)
        .WithAge();

    public static ITableConvertor ReplicaSets() => TableConvertor<ReplicaSet>.WithName()
        .Add("Desired", "integer", "Desired replicas.", (r, _) => r.Spec?.Replicas ?? 0)
        .Add("Current", "integer", "Current replicas.", (r, _) => r.Status?.Replicas ?? 0)
        .Add("Ready", "integer", "Ready replicas.", (r, _) => r.Status?.ReadyReplicas ?? 0)
        .WithAge()
        .Add("Containers", "string", "Container names (or the VM name).", (r, _) => PodColumns.WorkloadNames(r.Spec?.Template?.Spec), priority: 1)
        .Add("Images", "string", "Images.", (r, _) => PodColumns.WorkloadImages(r.Spec?.Template?.Spec), priority: 1)
        .Add("Selector", "string", "Label selector.", (r, _) => PodColumns.Selector(r.Spec?.Selector), priority: 1);

    public static ITableConvertor Deployments() => TableConvertor<Deployment>.WithName()
        .Add("Ready", "string", "Ready out of desired replicas.", (d, _) => string.Create(CultureInfo.InvariantCulture, $"{d.Status?.ReadyReplicas ?? 0}/{d.Spec?.Replicas ?? 0}"))
        .Add("Up-to-date", "integer", "Replicas with the newest template.", (d, _) => d.Status?.UpdatedReplicas ?? 0)
        .Add("Available", "integer", "Available replicas.", (d, _) => d.Status?.AvailableReplicas ?? 0)
        .WithAge()
        .Add("Containers", "string", "Container names (or the VM name).", (d, _) => PodColumns.WorkloadNames(d.Spec?.Template?.Spec), priority: 1)
        .Add("Images", "string", "Images.", (d, _) => PodColumns.WorkloadImages(d.Spec?.Template?.Spec), priority: 1)
        .Add("Selector", "string", "Label selector.", (d, _) => PodColumns.Selector(d.Spec?.Selector), priority: 1);

    public static ITableConvertor Jobs() => TableConvertor<Job>.WithName()
        .Add("Status", "string", "Running, Complete, Failed or Suspended.", (j, _) => JobStatusText(j))
        .Add("Completions", "string", "Succeeded out of desired completions.", (j, _) => string.Create(CultureInfo.InvariantCulture, $"{j.Status?.Succeeded ?? 0}/{j.Spec?.Completions ?? 1}"))
        .Add("Duration", "string", "Time the job has run.", (j, now) => j.Status?.StartTime is { } start ? HumanDuration.Format((j.Status.CompletionTime ?? now) - start) : string.Empty)
        .WithAge()
        .Add("Containers", "string", "Container names.", (j, _) => PodColumns.WorkloadNames(j.Spec?.Template?.Spec), priority: 1)
        .Add("Images", "string", "Images.", (j, _) => PodColumns.WorkloadImages(j.Spec?.Template?.Spec), priority: 1)
        .Add("Selector", "string", "Label selector.", (j, _) => PodColumns.Selector(j.Spec?.Selector), priority: 1);

    private static string NodeStatusText(Node n)
    {
        var ready = ConditionStatus(n, "Ready");
        var text = ready == "True" ? "Ready" : ready == "False" ? "NotReady" : "Unknown";
        return n.Spec?.Unschedulable == true ? text + ",SchedulingDisabled" : text;
    }

    private static string ConditionStatus(Node n, string type) =>
        n.Status?.Conditions?.FirstOrDefault(c => c.Type == type)?.Status ?? "Unknown";

    private static string NodeRoles(Node n)
    {
        const string prefix = "node-role.kubernetes.io/";
        var roles = (n.Metadata.Labels ?? []).Keys.Where(k => k.StartsWith(prefix, StringComparison.Ordinal)).Select(k => k[prefix.Length..]).ToList();
        return roles.Count == 0 ? "<none>" : string.Join(",", roles.Order(StringComparer.Ordinal));
    }

    private static string Address(Node n, string type) =>
        n.Status?.Addresses?.FirstOrDefault(a => a.Type == type)?.Address ?? "<none>";

    private static string OperationOf(PodActionObject a) => a.Spec?.PodAction switch
    {
        { RebootAction: not null } => "reboot",
        { SnapshotAction: not null } => "snapshot",
        { RestoreAction: not null } => "restore",
        _ => "<unknown>",
    };

    private static string JobStatusText(Job j)
    {
        var conditions = j.Status?.Conditions ?? [];
        if (conditions.Any(c => c.Type == "Complete" && c.Status == "True")) return "Complete";
        if (conditions.Any(c => c.Type == "Failed" && c.Status == "True")) return "Failed";
        if (j.Spec?.Suspend == true) return "Suspended";
        return "Running";
    }
}
