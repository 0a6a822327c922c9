using static Ursa.ApiMachinery.Protobuf.FieldFlags;
using static Ursa.ApiMachinery.Protobuf.ProtoType;

namespace Ursa.ApiMachinery.Protobuf;

internal static partial class KubernetesSchema
{
    // k8s.io/api/core/v1/generated.proto: the small top-level kinds and the references they share.
    private static MessageSchema[] CoreObjectMessages() =>
    [
        new("Namespace") { { 1, "metadata", "ObjectMeta" }, { 2, "spec", "NamespaceSpec" }, { 3, "status", "NamespaceStatus" } },
        new("NamespaceSpec") { { 1, "finalizers", Text, Repeated } },
        new("NamespaceStatus") { { 1, "phase", Text }, { 2, "conditions", "NamespaceCondition", Repeated } },
        new("NamespaceCondition")
        {
            { 1, "type", Text },
            { 2, "status", Text },
            { 4, "lastTransitionTime", Time },
            { 5, "reason", Text },
            { 6, "message", Text },
        },
        new("Binding") { { 1, "metadata", "ObjectMeta" }, { 2, "target", "ObjectReference" } },
        new("ObjectReference")
        {
            { 1, "kind", Text },
            { 2, "namespace", Text },
            { 3, "name", Text },
            { 4, "uid", Text },
            { 5, "apiVersion", Text },
            { 6, "resourceVersion", Text },
            { 7, "fieldPath", Text },
        },
        new("LocalObjectReference") { { 1, "name", Text } },
        new("TypedLocalObjectReference") { { 1, "apiGroup", Text, Pointer }, { 2, "kind", Text }, { 3, "name", Text } },
        new("TypedObjectReference")
        {
            { 1, "apiGroup", Text, Pointer },
            { 2, "kind", Text },
            { 3, "name", Text },
            { 4, "namespace", Text, Pointer },
        },
        new("Event")
        {
            { 1, "metadata", "ObjectMeta" },
            { 2, "involvedObject", "ObjectReference" },
            { 3, "reason", Text },
            { 4, "message", Text },
            { 5, "source", "EventSource" },
            { 6, "firstTimestamp", Time },
            { 7, "lastTimestamp", Time },
            { 8, "count", Int },
            { 9, "type", Text },
            { 10, "eventTime", MicroTime },
            { 11, "series", "EventSeries" },
            { 12, "action", Text },
            { 13, "related", "ObjectReference" },
            { 14, "reportingComponent", Text },
            { 15, "reportingInstance", Text },
        },
        new("EventSource") { { 1, "component", Text }, { 2, "host", Text } },
        new("EventSeries") { { 1, "count", Int }, { 2, "lastObservedTime", MicroTime } },
        new("ConfigMap")
        {
            { 1, "metadata", "ObjectMeta" },
            { 2, "data", Text, Map },
            { 3, "binaryData", Bytes, Map },
            { 4, "immutable", Bool, Pointer },
        },
        new("Secret")
        {
            { 1, "metadata", "ObjectMeta" },
            { 2, "data", Bytes, Map },
            { 3, "type", Text },
            { 4, "stringData", Text, Map },
            { 5, "immutable", Bool, Pointer },
        },
        new("ServiceAccount")
        {
            { 1, "metadata", "ObjectMeta" },
            { 2, "secrets", "ObjectReference", Repeated },
            { 3, "imagePullSecrets", "LocalObjectReference", Repeated },
            { 4, "automountServiceAccountToken", Bool, Pointer },
        },
        new("Service") { { 1, "metadata", "ObjectMeta" }, { 2, "spec", "ServiceSpec" }, { 3, "status", "ServiceStatus" } },
        new("ServiceSpec")
        {
            { 1, "ports", "ServicePort", Repeated },
            { 2, "selector", Text, Map },
            { 3, "clusterIP", Text },
            { 4, "type", Text },
            { 5, "externalIPs", Text, Repeated },
            { 7, "sessionAffinity", Text },
            { 8, "loadBalancerIP", Text },
            { 9, "loadBalancerSourceRanges", Text, Repeated },
            { 10, "externalName", Text },
            { 11, "externalTrafficPolicy", Text },
            { 12, "healthCheckNodePort", Int },
            { 13, "publishNotReadyAddresses", Bool },
            { 14, "sessionAffinityConfig", "SessionAffinityConfig" },
            { 17, "ipFamilyPolicy", Text, Pointer },
            { 18, "clusterIPs", Text, Repeated },
            { 19, "ipFamilies", Text, Repeated },
            { 20, "allocateLoadBalancerNodePorts", Bool, Pointer },
            { 21, "loadBalancerClass", Text, Pointer },
            { 22, "internalTrafficPolicy", Text, Pointer },
            { 23, "trafficDistribution", Text, Pointer },
        },
        new("ServicePort")
        {
            { 1, "name", Text },
            { 2, "protocol", Text },
            { 3, "port", Int },
            { 4, "targetPort", IntOrString },
            { 5, "nodePort", Int },
            { 6, "appProtocol", Text, Pointer },
        },
        new("SessionAffinityConfig") { { 1, "clientIP", "ClientIPConfig" } },
        new("ClientIPConfig") { { 1, "timeoutSeconds", Int, Pointer } },
        new("ServiceStatus") { { 1, "loadBalancer", "LoadBalancerStatus" }, { 2, "conditions", "Condition", Repeated } },
        new("LoadBalancerStatus") { { 1, "ingress", "LoadBalancerIngress", Repeated } },
        new("LoadBalancerIngress")
        {
            { 1, "ip", Text },
            { 2, "hostname", Text },
            { 3, "ipMode", Text, Pointer },
            { 4, "ports", "PortStatus", Repeated },
        },
        new("PortStatus") { { 1, "port", Int }, { 2, "protocol", Text }, { 3, "error", Text, Pointer } },
        new("Node") { { 1, "metadata", "ObjectMeta" }, { 2, "spec", "NodeSpec" }, { 3, "status", "NodeStatus" } },
        new("NodeSpec")
        {
            { 1, "podCIDR", Text },
            { 2, "externalID", Text },
            { 3, "providerID", Text },
            { 4, "unschedulable", Bool },
            { 5, "taints", "Taint", Repeated },
            { 7, "podCIDRs", Text, Repeated },
        },
        new("Taint")
        {
            { 1, "key", Text },
            { 2, "value", Text },
            { 3, "effect", Text },
            { 4, "timeAdded", Time },
        },
        new("NodeStatus")
        {
            { 1, "capacity", Quantity, Map },
            { 2, "allocatable", Quantity, Map },
            { 3, "phase", Text },
            { 4, "conditions", "NodeCondition", Repeated },
            { 5, "addresses", "NodeAddress", Repeated },
            { 6, "daemonEndpoints", "NodeDaemonEndpoints" },
            { 7, "nodeInfo", "NodeSystemInfo" },
            { 8, "images", "ContainerImage", Repeated },
            { 9, "volumesInUse", Text, Repeated },
            { 10, "volumesAttached", "AttachedVolume", Repeated },
        },
        new("NodeCondition")
        {
            { 1, "type", Text },
            { 2, "status", Text },
            { 3, "lastHeartbeatTime", Time },
            { 4, "lastTransitionTime", Time },
            { 5, "reason", Text },
            { 6, "message", Text },
        },
        new("NodeAddress") { { 1, "type", Text }, { 2, "address", Text } },
        new("NodeDaemonEndpoints") { { 1, "kubeletEndpoint", "DaemonEndpoint" } },

        // The one upper-case JSON name in core/v1: `Port int32 json:"Port"`.
        new("DaemonEndpoint") { { 1, "Port", Int } },
        new("NodeSystemInfo")
        {
            { 1, "machineID", Text },
            { 2, "systemUUID", Text },
            { 3, "bootID", Text },
            { 4, "kernelVersion", Text },
            { 5, "osImage", Text },
            { 6, "containerRuntimeVersion", Text },
            { 7, "kubeletVersion", Text },
            { 8, "kubeProxyVersion", Text },
            { 9, "operatingSystem", Text },
            { 10, "architecture", Text },
        },
        new("ContainerImage") { { 1, "names", Text, Repeated }, { 2, "sizeBytes", Long } },
        new("AttachedVolume") { { 1, "name", Text }, { 2, "devicePath", Text } },
    ];
}
