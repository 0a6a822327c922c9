using static Ursa.ApiMachinery.Protobuf.FieldFlags;
using static Ursa.ApiMachinery.Protobuf.ProtoType;

namespace Ursa.ApiMachinery.Protobuf;

internal static partial class KubernetesSchema
{
    // k8s.io/api/core/v1/generated.proto: Pod, PodSpec and its scheduling and security parts, PodStatus.
    private static MessageSchema[] PodMessages() =>
    [
        new("Pod") { { 1, "metadata", "ObjectMeta" }, { 2, "spec", "PodSpec" }, { 3, "status", "PodStatus" } },
        new("PodTemplateSpec") { { 1, "metadata", "ObjectMeta" }, { 2, "spec", "PodSpec" } },
        new("PodSpec")
        {
            { 1, "volumes", "Volume", Repeated },
            { 2, "containers", "Container", Repeated },
            { 3, "restartPolicy", Text },
            { 4, "terminationGracePeriodSeconds", Long, Pointer },
            { 5, "activeDeadlineSeconds", Long, Pointer },
            { 6, "dnsPolicy", Text },
            { 7, "nodeSelector", Text, Map },
            { 8, "serviceAccountName", Text },
            { 9, "serviceAccount", Text },
            { 10, "nodeName", Text },
            { 11, "hostNetwork", Bool },
            { 12, "hostPID", Bool },
            { 13, "hostIPC", Bool },
            { 14, "securityContext", "PodSecurityContext" },
            { 15, "imagePullSecrets", "LocalObjectReference", Repeated },
            { 16, "hostname", Text },
            { 17, "subdomain", Text },
            { 18, "affinity", "Affinity" },
            { 19, "schedulerName", Text },
            { 20, "initContainers", "Container", Repeated },
            { 21, "automountServiceAccountToken", Bool, Pointer },
            { 22, "tolerations", "Toleration", Repeated },
            { 23, "hostAliases", "HostAlias", Repeated },
            { 24, "priorityClassName", Text },
            { 25, "priority", Int, Pointer },
            { 26, "dnsConfig", "PodDNSConfig" },
            { 27, "shareProcessNamespace", Bool, Pointer },
            { 28, "readinessGates", "PodReadinessGate", Repeated },
            { 29, "runtimeClassName", Text, Pointer },
            { 30, "enableServiceLinks", Bool, Pointer },
            { 31, "preemptionPolicy", Text, Pointer },
            { 32, "overhead", Quantity, Map },
            { 33, "topologySpreadConstraints", "TopologySpreadConstraint", Repeated },
            { 34, "ephemeralContainers", "EphemeralContainer", Repeated },
            { 35, "setHostnameAsFQDN", Bool, Pointer },
            { 36, "os", "PodOS" },
            { 37, "hostUsers", Bool, Pointer },
            { 38, "schedulingGates", "PodSchedulingGate", Repeated },
            { 39, "resourceClaims", "PodResourceClaim", Repeated },
            { 40, "resources", "ResourceRequirements" },
        },
        new("PodOS") { { 1, "name", Text } },
        new("PodSchedulingGate") { { 1, "name", Text } },
        new("PodResourceClaim")
        {
            { 1, "name", Text },
            { 3, "resourceClaimName", Text, Pointer },
            { 4, "resourceClaimTemplateName", Text, Pointer },
        },
        new("PodReadinessGate") { { 1, "conditionType", Text } },
        new("HostAlias") { { 1, "ip", Text }, { 2, "hostnames", Text, Repeated } },
        new("PodDNSConfig")
        {
            { 1, "nameservers", Text, Repeated },
            { 2, "searches", Text, Repeated },
            { 3, "options", "PodDNSConfigOption", Repeated },
        },
        new("PodDNSConfigOption") { { 1, "name", Text }, { 2, "value", Text, Pointer } },
        new("Toleration")
        {
            { 1, "key", Text },
            { 2, "operator", Text },
            { 3, "value", Text },
            { 4, "effect", Text },
            { 5, "tolerationSeconds", Long, Pointer },
        },
        new("TopologySpreadConstraint")
        {
            { 1, "maxSkew", Int },
            { 2, "topologyKey", Text },
            { 3, "whenUnsatisfiable", Text },
            { 4, "labelSelector", "LabelSelector" },
            { 5, "minDomains", Int, Pointer },
            { 6, "nodeAffinityPolicy", Text, Pointer },
            { 7, "nodeTaintsPolicy", Text, Pointer },
            { 8, "matchLabelKeys", Text, Repeated },
        },
        new("Affinity")
        {
            { 1, "nodeAffinity", "NodeAffinity" },
            { 2, "podAffinity", "PodAffinity" },
            { 3, "podAntiAffinity", "PodAntiAffinity" },
        },
        new("NodeAffinity")
        {
            { 1, "requiredDuringSchedulingIgnoredDuringExecution", "NodeSelector" },
            { 2, "preferredDuringSchedulingIgnoredDuringExecution", "PreferredSchedulingTerm", Repeated },
        },
        new("NodeSelector") { { 1, "nodeSelectorTerms", "NodeSelectorTerm", Repeated } },
        new("NodeSelectorTerm")
        {
            { 1, "matchExpressions", "NodeSelectorRequirement", Repeated },
            { 2, "matchFields", "NodeSelectorRequirement", Repeated },
        },
        new("NodeSelectorRequirement") { { 1, "key", Text }, { 2, "operator", Text }, { 3, "values", Text, Repeated } },
        new("PreferredSchedulingTerm") { { 1, "weight", Int }, { 2, "preference", "NodeSelectorTerm" } },
        new("PodAffinity")
        {
            { 1, "requiredDuringSchedulingIgnoredDuringExecution", "PodAffinityTerm", Repeated },
            { 2, "preferredDuringSchedulingIgnoredDuringExecution", "WeightedPodAffinityTerm", Repeated },
        },
        new("PodAntiAffinity")
        {
            { 1, "requiredDuringSchedulingIgnoredDuringExecution", "PodAffinityTerm", Repeated },
            { 2, "preferredDuringSchedulingIgnoredDuringExecution", "WeightedPodAffinityTerm", Repeated },
        },
        new("PodAffinityTerm")
        {
            { 1, "labelSelector", "LabelSelector" },
            { 2, "namespaces", Text, Repeated },
            { 3, "topologyKey", Text },
            { 4, "namespaceSelector", "LabelSelector" },
            { 5, "matchLabelKeys", Text, Repeated },
            { 6, "mismatchLabelKeys", Text, Repeated },
        },
        new("WeightedPodAffinityTerm") { { 1, "weight", Int }, { 2, "podAffinityTerm", "PodAffinityTerm" } },
        new("PodSecurityContext")
        {
            { 1, "seLinuxOptions", "SELinuxOptions" },
            { 2, "runAsUser", Long, Pointer },
            { 3, "runAsNonRoot", Bool, Pointer },
            { 4, "supplementalGroups", Long, Repeated },
            { 5, "fsGroup", Long, Pointer },
            { 6, "runAsGroup", Long, Pointer },
            { 7, "sysctls", "Sysctl", Repeated },
            { 8, "windowsOptions", "WindowsSecurityContextOptions" },
            { 9, "fsGroupChangePolicy", Text, Pointer },
            { 10, "seccompProfile", "SeccompProfile" },
            { 11, "appArmorProfile", "AppArmorProfile" },
            { 12, "supplementalGroupsPolicy", Text, Pointer },
            { 13, "seLinuxChangePolicy", Text, Pointer },
        },
        new("SELinuxOptions") { { 1, "user", Text }, { 2, "role", Text }, { 3, "type", Text }, { 4, "level", Text } },
        new("WindowsSecurityContextOptions")
        {
            { 1, "gmsaCredentialSpecName", Text, Pointer },
            { 2, "gmsaCredentialSpec", Text, Pointer },
            { 3, "runAsUserName", Text, Pointer },
            { 4, "hostProcess", Bool, Pointer },
        },
        new("Sysctl") { { 1, "name", Text }, { 2, "value", Text } },
        new("SeccompProfile") { { 1, "type", Text }, { 2, "localhostProfile", Text, Pointer } },
        new("AppArmorProfile") { { 1, "type", Text }, { 2, "localhostProfile", Text, Pointer } },
        new("PodStatus")
        {
            { 1, "phase", Text },
            { 2, "conditions", "PodCondition", Repeated },
            { 3, "message", Text },
            { 4, "reason", Text },
            { 5, "hostIP", Text },
            { 6, "podIP", Text },
            { 7, "startTime", Time },
            { 8, "containerStatuses", "ContainerStatus", Repeated },
            { 9, "qosClass", Text },
            { 10, "initContainerStatuses", "ContainerStatus", Repeated },
            { 11, "nominatedNodeName", Text },
            { 12, "podIPs", "PodIP", Repeated },
            { 13, "ephemeralContainerStatuses", "ContainerStatus", Repeated },
            { 16, "hostIPs", "HostIP", Repeated },
        },
        new("PodIP") { { 1, "ip", Text } },
        new("HostIP") { { 1, "ip", Text } },
        new("PodCondition")
        {
            { 1, "type", Text },
            { 2, "status", Text },
            { 3, "lastProbeTime", Time },
            { 4, "lastTransitionTime", Time },
            { 5, "reason", Text },
            { 6, "message", Text },
            { 7, "observedGeneration", Long },
        },
    ];
}
