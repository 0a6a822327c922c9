using static Ursa.ApiMachinery.Protobuf.FieldFlags;
using static Ursa.ApiMachinery.Protobuf.ProtoType;

namespace Ursa.ApiMachinery.Protobuf;

internal static partial class KubernetesSchema
{
    // k8s.io/api/apps/v1/generated.proto: Deployment and ReplicaSet.
    private static MessageSchema[] AppsMessages() =>
    [
        new("Deployment") { { 1, "metadata", "ObjectMeta" }, { 2, "spec", "DeploymentSpec" }, { 3, "status", "DeploymentStatus" } },
        new("DeploymentSpec")
        {
            { 1, "replicas", Int, Pointer },
            { 2, "selector", "LabelSelector" },
            { 3, "template", "PodTemplateSpec" },
            { 4, "strategy", "DeploymentStrategy" },
            { 5, "minReadySeconds", Int },
            { 6, "revisionHistoryLimit", Int, Pointer },
            { 7, "paused", Bool },
            { 9, "progressDeadlineSeconds", Int, Pointer },
        },
        new("DeploymentStrategy") { { 1, "type", Text }, { 2, "rollingUpdate", "RollingUpdateDeployment" } },
        new("RollingUpdateDeployment") { { 1, "maxUnavailable", IntOrString }, { 2, "maxSurge", IntOrString } },
        new("DeploymentStatus")
        {
            { 1, "observedGeneration", Long },
            { 2, "replicas", Int },
            { 3, "updatedReplicas", Int },
            { 4, "availableReplicas", Int },
            { 5, "unavailableReplicas", Int },
            { 6, "conditions", "DeploymentCondition", Repeated },
            { 7, "readyReplicas", Int },
            { 8, "collisionCount", Int, Pointer },
            { 9, "terminatingReplicas", Int, Pointer },
        },
        new("DeploymentCondition")
        {
            { 1, "type", Text },
            { 2, "status", Text },
            { 4, "reason", Text },
            { 5, "message", Text },
            { 6, "lastUpdateTime", Time },
            { 7, "lastTransitionTime", Time },
        },
        new("ReplicaSet") { { 1, "metadata", "ObjectMeta" }, { 2, "spec", "ReplicaSetSpec" }, { 3, "status", "ReplicaSetStatus" } },
        new("ReplicaSetSpec")
        {
            { 1, "replicas", Int, Pointer },
            { 2, "selector", "LabelSelector" },
            { 3, "template", "PodTemplateSpec" },
            { 4, "minReadySeconds", Int },
        },
        new("ReplicaSetStatus")
        {
            { 1, "replicas", Int },
            { 2, "fullyLabeledReplicas", Int },
            { 3, "observedGeneration", Long },
            { 4, "readyReplicas", Int },
            { 5, "availableReplicas", Int },
            { 6, "conditions", "ReplicaSetCondition", Repeated },
            { 7, "terminatingReplicas", Int, Pointer },
        },
        new("ReplicaSetCondition")
        {
            { 1, "type", Text },
            { 2, "status", Text },
            { 3, "lastTransitionTime", Time },
            { 4, "reason", Text },
            { 5, "message", Text },
        },
    ];
}
