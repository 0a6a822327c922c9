using Ursa.Api.Serialization;
using Ursa.ApiServer.Resources.Strategies;
using Ursa.ApiServer.Tables;
using Ursa.ApiServer.Validation;
using Coordination = Ursa.Api.Coordination;

namespace Ursa.ApiServer.Resources;

/// <summary>The built-in resources and the lookups the server needs (by group/version/plural, by kind).</summary>
public sealed class ResourceCatalog
{
    private readonly Dictionary<(string Group, string Version, string Plural), ResourceDefinition> _byPath = [];

    public ResourceCatalog(IEnumerable<ResourceDefinition> resources)
    {
        foreach (var resource in resources)
        {
            _byPath.Add((resource.Group, resource.Version, resource.Plural), resource);
        }
    }

    public IEnumerable<ResourceDefinition> All => _byPath.Values;

    /// <summary>The group versions served, core first: <c>v1</c>, <c>apps/v1</c>, ...</summary>
    public IEnumerable<(string Group, string Version)> GroupVersions =>
        _byPath.Values.Select(r => (r.Group, r.Version)).Distinct().OrderBy(gv => gv.Group.Length == 0 ? string.Empty : gv.Group, StringComparer.Ordinal);

    public ResourceDefinition? Find(string group, string version, string plural) =>
        _byPath.GetValueOrDefault((group, version, plural));

    public ResourceDefinition Get(string group, string plural) =>
        _byPath.Values.First(r => r.Group == group && r.Plural == plural);

    /// <summary>The catalog of built-in kinds.</summary>
    public static ResourceCatalog CreateDefault()
    {
        var json = UrsaJsonContext.Default;
        return new ResourceCatalog(
        [
            new ResourceDefinition
            {
                Group = string.Empty, Version = "v1", Kind = "Pod", Plural = "pods", Singular = "pod",
                Scope = ResourceScope.Namespaced, TypeInfo = json.Pod, Strategy = new PodStrategy(),
                Table = BuiltInTables.Pods(), ShortNames = ["po"], Categories = ["all"],
                Subresources = new HashSet<string> { "status", "binding", "log", "exec", "attach", "action", "eviction" },
                SelectableFields = ["spec.nodeName", "spec.restartPolicy", "spec.schedulerName", "spec.serviceAccountName", "status.phase", "status.podIP", "status.nominatedNodeName", "spec.virtualMachine.powerSpec"],
            },
            new ResourceDefinition
            {
                Group = string.Empty, Version = "v1", Kind = "Node", Plural = "nodes", Singular = "node",
                Scope = ResourceScope.Cluster, TypeInfo = json.Node,
                Strategy = new SimpleStrategy<Node>(NameRules.CheckDns1123Subdomain),
                Table = BuiltInTables.Nodes(), ShortNames = ["no"],
                Subresources = new HashSet<string> { "status" },
                SelectableFields = ["spec.unschedulable"],
            },
            new ResourceDefinition
            {
                Group = string.Empty, Version = "v1", Kind = "Namespace", Plural = "namespaces", Singular = "namespace",
                Scope = ResourceScope.Tenant, TypeInfo = json.Namespace, Strategy = new NamespaceStrategy(),
                Table = BuiltInTables.Namespaces(), ShortNames = ["ns"],
                Subresources = new HashSet<string> { "status", "finalize" },
                SelectableFields = ["status.phase"],
            },
            new ResourceDefinition
            {
                Group = string.Empty, Version = "v1", Kind = "Tenant", Plural = "tenants", Singular = "tenant",
                Scope = ResourceScope.Cluster, TypeInfo = json.Tenant, Strategy = new TenantStrategy(),
                Table = BuiltInTables.Tenants(), ShortNames = ["te"],
                Subresources = new HashSet<string> { "status" },
                SelectableFields = ["status.phase"],
            },
            new ResourceDefinition
            {
                Group = string.Empty, Version = "v1", Kind = "Event", Plural = "events", Singular = "event",
                Scope = ResourceScope.Namespaced, TypeInfo = json.Event,
                Strategy = new SimpleStrategy<Event>(NameRules.CheckDns1123Subdomain),
                Table = BuiltInTables.Events(), ShortNames = ["ev"],
                SelectableFields =
                [
                    "involvedObject.kind", "involvedObject.namespace", "involvedObject.name", "involvedObject.uid",
                    "involvedObject.apiVersion", "involvedObject.resourceVersion", "involvedObject.fieldPath",
                    "reason", "reportingComponent", "source", "type",
                ],
            },
            new ResourceDefinition
            {
                Group = string.Empty, Version = "v1", Kind = "Action", Plural = "actions", Singular = "action",
                Scope = ResourceScope.Namespaced, TypeInfo = json.Action, Strategy = new ActionStrategy(),
                Table = BuiltInTables.Actions(),
                Subresources = new HashSet<string> { "status" },
                SelectableFields = ["spec.nodeName", "spec.podAction.podName", "status.complete"],
            },
            new ResourceDefinition
            {
                Group = "coordination.k8s.io", Version = "v1", Kind = "Lease", Plural = "leases", Singular = "lease",
                Scope = ResourceScope.Namespaced, TypeInfo = json.Lease,
                Strategy = new SimpleStrategy<Coordination.Lease>(NameRules.CheckDns1123Subdomain),
                Table = BuiltInTables.Leases(),
            },
            new ResourceDefinition
            {
                Group = "apps", Version = "v1", Kind = "ReplicaSet", Plural = "replicasets", Singular = "replicaset",
                Scope = ResourceScope.Namespaced, TypeInfo = json.ReplicaSet, Strategy = new ReplicaSetStrategy(),
                Table = BuiltInTables.ReplicaSets(), ShortNames = ["rs"], Categories = ["all"],
                Subresources = new HashSet<string> { "status", "scale" },
            },
            new ResourceDefinition
            {
                Group = "apps", Version = "v1", Kind = "Deployment", Plural = "deployments", Singular = "deployment",
                Scope = ResourceScope.Namespaced, TypeInfo = json.Deployment, Strategy = new DeploymentRules(),
                Table = BuiltInTables.Deployments(), ShortNames = ["deploy"], Categories = ["all"],
                Subresources = new HashSet<string> { "status", "scale" },
            },
            new ResourceDefinition
            {
                Group = "batch", Version = "v1", Kind = "Job", Plural = "jobs", Singular = "job",
                Scope = ResourceScope.Namespaced, TypeInfo = json.Job, Strategy = new JobStrategy(),
                Table = BuiltInTables.Jobs(), Categories = ["all"],
                Subresources = new HashSet<string> { "status" },
            },
        ]);
    }
}
