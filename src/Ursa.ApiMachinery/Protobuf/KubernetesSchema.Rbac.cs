using static Ursa.ApiMachinery.Protobuf.FieldFlags;
using static Ursa.ApiMachinery.Protobuf.ProtoType;

namespace Ursa.ApiMachinery.Protobuf;

internal static partial class KubernetesSchema
{
    // k8s.io/api/rbac/v1/generated.proto and scheduling/v1: what `kubectl create role|rolebinding|clusterrole|
    // clusterrolebinding|priorityclass` send. ResourceQuota (`kubectl create quota`) is core/v1.
    private static MessageSchema[] RbacAndQuotaMessages() =>
    [
        new("Role") { { 1, "metadata", "ObjectMeta" }, { 2, "rules", "PolicyRule", Repeated } },
        new("ClusterRole")
        {
            { 1, "metadata", "ObjectMeta" },
            { 2, "rules", "PolicyRule", Repeated },
            { 3, "aggregationRule", "AggregationRule" },
        },
        new("PolicyRule")
        {
            { 1, "verbs", Text, Repeated },
            { 2, "apiGroups", Text, Repeated },
            { 3, "resources", Text, Repeated },
            { 4, "resourceNames", Text, Repeated },
            { 5, "nonResourceURLs", Text, Repeated },
        },
        new("AggregationRule") { { 1, "clusterRoleSelectors", "LabelSelector", Repeated } },
        new("RoleBinding")
        {
            { 1, "metadata", "ObjectMeta" },
            { 2, "subjects", "Subject", Repeated },
            { 3, "roleRef", "RoleRef" },
        },
        new("Subject") { { 1, "kind", Text }, { 2, "apiGroup", Text }, { 3, "name", Text }, { 4, "namespace", Text } },
        new("RoleRef") { { 1, "apiGroup", Text }, { 2, "kind", Text }, { 3, "name", Text } },
        new("PriorityClass")
        {
            { 1, "metadata", "ObjectMeta" },
            { 2, "value", Int },
            { 3, "globalDefault", Bool },
            { 4, "description", Text },
            { 5, "preemptionPolicy", Text, Pointer },
        },
        new("ResourceQuota") { { 1, "metadata", "ObjectMeta" }, { 2, "spec", "ResourceQuotaSpec" }, { 3, "status", "ResourceQuotaStatus" } },
        new("ResourceQuotaSpec")
        {
            { 1, "hard", Quantity, Map },
            { 2, "scopes", Text, Repeated },
            { 3, "scopeSelector", "ScopeSelector" },
        },
        new("ScopeSelector") { { 1, "matchExpressions", "ScopedResourceSelectorRequirement", Repeated } },
        new("ScopedResourceSelectorRequirement") { { 1, "scopeName", Text }, { 2, "operator", Text }, { 3, "values", Text, Repeated } },
        new("ResourceQuotaStatus") { { 1, "hard", Quantity, Map }, { 2, "used", Quantity, Map } },
    ];
}
