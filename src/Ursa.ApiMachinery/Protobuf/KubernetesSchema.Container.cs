using static Ursa.ApiMachinery.Protobuf.FieldFlags;
using static Ursa.ApiMachinery.Protobuf.ProtoType;

namespace Ursa.ApiMachinery.Protobuf;

internal static partial class KubernetesSchema
{
    // k8s.io/api/core/v1/generated.proto: Container and what it contains (env, ports, resources, probes, ...).
    private static MessageSchema[] ContainerMessages() =>
    [
        new("Container")
        {
            { 1, "name", Text },
            { 2, "image", Text },
            { 3, "command", Text, Repeated },
            { 4, "args", Text, Repeated },
            { 5, "workingDir", Text },
            { 6, "ports", "ContainerPort", Repeated },
            { 7, "env", "EnvVar", Repeated },
            { 8, "resources", "ResourceRequirements" },
            { 9, "volumeMounts", "VolumeMount", Repeated },
            { 10, "livenessProbe", "Probe" },
            { 11, "readinessProbe", "Probe" },
            { 12, "lifecycle", "Lifecycle" },
            { 13, "terminationMessagePath", Text },
            { 14, "imagePullPolicy", Text },
            { 15, "securityContext", "SecurityContext" },
            { 16, "stdin", Bool },
            { 17, "stdinOnce", Bool },
            { 18, "tty", Bool },
            { 19, "envFrom", "EnvFromSource", Repeated },
            { 20, "terminationMessagePolicy", Text },
            { 21, "volumeDevices", "VolumeDevice", Repeated },
            { 22, "startupProbe", "Probe" },
            { 23, "resizePolicy", "ContainerResizePolicy", Repeated },
            { 24, "restartPolicy", Text, Pointer },
        },

        // EphemeralContainerCommon repeats Container's field numbers, so Container's table serves for it.
        new("EphemeralContainer") { { 1, "ephemeralContainerCommon", "Container", Inline }, { 2, "targetContainerName", Text } },
        new("ContainerPort")
        {
            { 1, "name", Text },
            { 2, "hostPort", Int },
            { 3, "containerPort", Int },
            { 4, "protocol", Text },
            { 5, "hostIP", Text },
        },
        new("ContainerResizePolicy") { { 1, "resourceName", Text }, { 2, "restartPolicy", Text } },
        new("EnvVar") { { 1, "name", Text }, { 2, "value", Text }, { 3, "valueFrom", "EnvVarSource" } },
        new("EnvVarSource")
        {
            { 1, "fieldRef", "ObjectFieldSelector" },
            { 2, "resourceFieldRef", "ResourceFieldSelector" },
            { 3, "configMapKeyRef", "ConfigMapKeySelector" },
            { 4, "secretKeyRef", "SecretKeySelector" },
        },
        new("ObjectFieldSelector") { { 1, "apiVersion", Text }, { 2, "fieldPath", Text } },
        new("ResourceFieldSelector") { { 1, "containerName", Text }, { 2, "resource", Text }, { 3, "divisor", Quantity } },
        new("ConfigMapKeySelector")
        {
            { 1, "localObjectReference", "LocalObjectReference", Inline },
            { 2, "key", Text },
            { 3, "optional", Bool, Pointer },
        },
        new("SecretKeySelector")
        {
            { 1, "localObjectReference", "LocalObjectReference", Inline },
            { 2, "key", Text },
            { 3, "optional", Bool, Pointer },
        },
        new("EnvFromSource")
        {
            { 1, "prefix", Text },
            { 2, "configMapRef", "ConfigMapEnvSource" },
            { 3, "secretRef", "SecretEnvSource" },
        },
        new("ConfigMapEnvSource") { { 1, "localObjectReference", "LocalObjectReference", Inline }, { 2, "optional", Bool, Pointer } },
        new("SecretEnvSource") { { 1, "localObjectReference", "LocalObjectReference", Inline }, { 2, "optional", Bool, Pointer } },
        new("ResourceRequirements")
        {
            { 1, "limits", Quantity, Map },
            { 2, "requests", Quantity, Map },
            { 3, "claims", "ResourceClaim", Repeated },
        },
        new("ResourceClaim") { { 1, "name", Text }, { 2, "request", Text } },
        new("VolumeMount")
        {
            { 1, "name", Text },
            { 2, "readOnly", Bool },
            { 3, "mountPath", Text },
            { 4, "subPath", Text },
            { 5, "mountPropagation", Text, Pointer },
            { 6, "subPathExpr", Text },
            { 7, "recursiveReadOnly", Text, Pointer },
        },
        new("VolumeDevice") { { 1, "name", Text }, { 2, "devicePath", Text } },
        new("Probe")
        {
            { 1, "handler", "ProbeHandler", Inline },
            { 2, "initialDelaySeconds", Int },
            { 3, "timeoutSeconds", Int },
            { 4, "periodSeconds", Int },
            { 5, "successThreshold", Int },
            { 6, "failureThreshold", Int },
            { 7, "terminationGracePeriodSeconds", Long, Pointer },
        },
        new("ProbeHandler")
        {
            { 1, "exec", "ExecAction" },
            { 2, "httpGet", "HTTPGetAction" },
            { 3, "tcpSocket", "TCPSocketAction" },
            { 4, "grpc", "GRPCAction" },
        },
        new("Lifecycle") { { 1, "postStart", "LifecycleHandler" }, { 2, "preStop", "LifecycleHandler" }, { 3, "stopSignal", Text, Pointer } },
        new("LifecycleHandler")
        {
            { 1, "exec", "ExecAction" },
            { 2, "httpGet", "HTTPGetAction" },
            { 3, "tcpSocket", "TCPSocketAction" },
            { 4, "sleep", "SleepAction" },
        },
        new("ExecAction") { { 1, "command", Text, Repeated } },
        new("HTTPGetAction")
        {
            { 1, "path", Text },
            { 2, "port", IntOrString },
            { 3, "host", Text },
            { 4, "scheme", Text },
            { 5, "httpHeaders", "HTTPHeader", Repeated },
        },
        new("HTTPHeader") { { 1, "name", Text }, { 2, "value", Text } },
        new("TCPSocketAction") { { 1, "port", IntOrString }, { 2, "host", Text } },
        new("GRPCAction") { { 1, "port", Int }, { 2, "service", Text, Pointer } },
        new("SleepAction") { { 1, "seconds", Long } },
        new("SecurityContext")
        {
            { 1, "capabilities", "Capabilities" },
            { 2, "privileged", Bool, Pointer },
            { 3, "seLinuxOptions", "SELinuxOptions" },
            { 4, "runAsUser", Long, Pointer },
            { 5, "runAsNonRoot", Bool, Pointer },
            { 6, "readOnlyRootFilesystem", Bool, Pointer },
            { 7, "allowPrivilegeEscalation", Bool, Pointer },
            { 8, "runAsGroup", Long, Pointer },
            { 9, "procMount", Text, Pointer },
            { 10, "windowsOptions", "WindowsSecurityContextOptions" },
            { 11, "seccompProfile", "SeccompProfile" },
            { 12, "appArmorProfile", "AppArmorProfile" },
        },
        new("Capabilities") { { 1, "add", Text, Repeated }, { 2, "drop", Text, Repeated } },
        new("ContainerStatus")
        {
            { 1, "name", Text },
            { 2, "state", "ContainerState" },
            { 3, "lastState", "ContainerState" },
            { 4, "ready", Bool },
            { 5, "restartCount", Int },
            { 6, "image", Text },
            { 7, "imageID", Text },
            { 8, "containerID", Text },
            { 9, "started", Bool, Pointer },
            { 10, "allocatedResources", Quantity, Map },
            { 11, "resources", "ResourceRequirements" },
        },
        new("ContainerState")
        {
            { 1, "waiting", "ContainerStateWaiting" },
            { 2, "running", "ContainerStateRunning" },
            { 3, "terminated", "ContainerStateTerminated" },
        },
        new("ContainerStateWaiting") { { 1, "reason", Text }, { 2, "message", Text } },
        new("ContainerStateRunning") { { 1, "startedAt", Time } },
        new("ContainerStateTerminated")
        {
            { 1, "exitCode", Int },
            { 2, "signal", Int },
            { 3, "reason", Text },
            { 4, "message", Text },
            { 5, "startedAt", Time },
            { 6, "finishedAt", Time },
            { 7, "containerID", Text },
        },
    ];
}
