using static Ursa.ApiMachinery.Protobuf.FieldFlags;
using static Ursa.ApiMachinery.Protobuf.ProtoType;

namespace Ursa.ApiMachinery.Protobuf;

internal static partial class KubernetesSchema
{
    // k8s.io/apimachinery/pkg/apis/meta/v1/generated.proto
    private static MessageSchema[] MetaMessages() =>
    [
        new("ObjectMeta")
        {
            { 1, "name", Text },
            { 2, "generateName", Text },
            { 3, "namespace", Text },
            { 4, "selfLink", Text },
            { 5, "uid", Text },
            { 6, "resourceVersion", Text },
            { 7, "generation", Long },
            { 8, "creationTimestamp", Time },
            { 9, "deletionTimestamp", Time },
            { 10, "deletionGracePeriodSeconds", Long, Pointer },
            { 11, "labels", Text, Map },
            { 12, "annotations", Text, Map },
            { 13, "ownerReferences", "OwnerReference", Repeated },
            { 14, "finalizers", Text, Repeated },
            { 17, "managedFields", "ManagedFieldsEntry", Repeated },
        },
        new("OwnerReference")
        {
            { 1, "kind", Text },
            { 3, "name", Text },
            { 4, "uid", Text },
            { 5, "apiVersion", Text },
            { 6, "controller", Bool, Pointer },
            { 7, "blockOwnerDeletion", Bool, Pointer },
        },
        new("ManagedFieldsEntry")
        {
            { 1, "manager", Text },
            { 2, "operation", Text },
            { 3, "apiVersion", Text },
            { 4, "time", Time },
            { 6, "fieldsType", Text },
            { 7, "fieldsV1", FieldsV1 },
            { 8, "subresource", Text },
        },
        new("LabelSelector")
        {
            { 1, "matchLabels", Text, Map },
            { 2, "matchExpressions", "LabelSelectorRequirement", Repeated },
        },
        new("LabelSelectorRequirement")
        {
            { 1, "key", Text },
            { 2, "operator", Text },
            { 3, "values", Text, Repeated },
        },
        new("Condition")
        {
            { 1, "type", Text },
            { 2, "status", Text },
            { 3, "observedGeneration", Long },
            { 4, "lastTransitionTime", Time },
            { 5, "reason", Text },
            { 6, "message", Text },
        },
        new("DeleteOptions")
        {
            { 1, "gracePeriodSeconds", Long, Pointer },
            { 2, "preconditions", "Preconditions" },
            { 3, "orphanDependents", Bool, Pointer },
            { 4, "propagationPolicy", Text, Pointer },
            { 5, "dryRun", Text, Repeated },
            { 6, "ignoreStoreReadErrorWithClusterBreakingPotential", Bool, Pointer },
        },
        new("Preconditions")
        {
            { 1, "uid", Text, Pointer },
            { 2, "resourceVersion", Text, Pointer },
        },
    ];
}
