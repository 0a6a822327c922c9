using static Ursa.ApiMachinery.Protobuf.FieldFlags;
using static Ursa.ApiMachinery.Protobuf.ProtoType;

namespace Ursa.ApiMachinery.Protobuf;

internal static partial class KubernetesSchema
{
    // k8s.io/api/core/v1/generated.proto: Volume and the volume sources a node-local runtime can serve.
    // Cloud and network plugins (gcePersistentDisk, rbd, iscsi, ...) are left out and skipped.
    private static MessageSchema[] VolumeMessages() =>
    [
        new("Volume") { { 1, "name", Text }, { 2, "volumeSource", "VolumeSource", Inline } },
        new("VolumeSource")
        {
            { 1, "hostPath", "HostPathVolumeSource" },
            { 2, "emptyDir", "EmptyDirVolumeSource" },
            { 6, "secret", "SecretVolumeSource" },
            { 7, "nfs", "NFSVolumeSource" },
            { 10, "persistentVolumeClaim", "PersistentVolumeClaimVolumeSource" },
            { 16, "downwardAPI", "DownwardAPIVolumeSource" },
            { 19, "configMap", "ConfigMapVolumeSource" },
            { 26, "projected", "ProjectedVolumeSource" },
            { 28, "csi", "CSIVolumeSource" },
            { 29, "ephemeral", "EphemeralVolumeSource" },
            { 30, "image", "ImageVolumeSource" },
        },
        new("HostPathVolumeSource") { { 1, "path", Text }, { 2, "type", Text, Pointer } },
        new("EmptyDirVolumeSource") { { 1, "medium", Text }, { 2, "sizeLimit", Quantity } },
        new("SecretVolumeSource")
        {
            { 1, "secretName", Text },
            { 2, "items", "KeyToPath", Repeated },
            { 3, "defaultMode", Int, Pointer },
            { 4, "optional", Bool, Pointer },
        },
        new("ConfigMapVolumeSource")
        {
            { 1, "localObjectReference", "LocalObjectReference", Inline },
            { 2, "items", "KeyToPath", Repeated },
            { 3, "defaultMode", Int, Pointer },
            { 4, "optional", Bool, Pointer },
        },
        new("KeyToPath") { { 1, "key", Text }, { 2, "path", Text }, { 3, "mode", Int, Pointer } },
        new("NFSVolumeSource") { { 1, "server", Text }, { 2, "path", Text }, { 3, "readOnly", Bool } },
        new("PersistentVolumeClaimVolumeSource") { { 1, "claimName", Text }, { 2, "readOnly", Bool } },
        new("DownwardAPIVolumeSource") { { 1, "items", "DownwardAPIVolumeFile", Repeated }, { 2, "defaultMode", Int, Pointer } },
        new("DownwardAPIVolumeFile")
        {
            { 1, "path", Text },
            { 2, "fieldRef", "ObjectFieldSelector" },
            { 3, "resourceFieldRef", "ResourceFieldSelector" },
            { 4, "mode", Int, Pointer },
        },
        new("ProjectedVolumeSource") { { 1, "sources", "VolumeProjection", Repeated }, { 2, "defaultMode", Int, Pointer } },
        new("VolumeProjection")
        {
            { 1, "secret", "SecretProjection" },
            { 2, "downwardAPI", "DownwardAPIProjection" },
            { 3, "configMap", "ConfigMapProjection" },
            { 4, "serviceAccountToken", "ServiceAccountTokenProjection" },
        },
        new("SecretProjection")
        {
            { 1, "localObjectReference", "LocalObjectReference", Inline },
            { 2, "items", "KeyToPath", Repeated },
            { 4, "optional", Bool, Pointer },
        },
        new("ConfigMapProjection")
        {
            { 1, "localObjectReference", "LocalObjectReference", Inline },
            { 2, "items", "KeyToPath", Repeated },
            { 4, "optional", Bool, Pointer },
        },
        new("DownwardAPIProjection") { { 1, "items", "DownwardAPIVolumeFile", Repeated } },
        new("ServiceAccountTokenProjection")
        {
            { 1, "audience", Text },
            { 2, "expirationSeconds", Long, Pointer },
            { 3, "path", Text },
        },
        new("CSIVolumeSource")
        {
            { 1, "driver", Text },
            { 2, "readOnly", Bool, Pointer },
            { 3, "fsType", Text, Pointer },
            { 4, "volumeAttributes", Text, Map },
            { 5, "nodePublishSecretRef", "LocalObjectReference" },
        },
        new("EphemeralVolumeSource") { { 1, "volumeClaimTemplate", "PersistentVolumeClaimTemplate" } },
        new("PersistentVolumeClaimTemplate") { { 1, "metadata", "ObjectMeta" }, { 2, "spec", "PersistentVolumeClaimSpec" } },
        new("PersistentVolumeClaimSpec")
        {
            { 1, "accessModes", Text, Repeated },

            // VolumeResourceRequirements {limits = 1; requests = 2} has ResourceRequirements' wire shape.
            { 2, "resources", "ResourceRequirements" },
            { 3, "volumeName", Text },
            { 4, "selector", "LabelSelector" },
            { 5, "storageClassName", Text, Pointer },
            { 6, "volumeMode", Text, Pointer },
            { 7, "dataSource", "TypedLocalObjectReference" },
            { 8, "dataSourceRef", "TypedObjectReference" },
            { 9, "volumeAttributesClassName", Text, Pointer },
        },
        new("ImageVolumeSource") { { 1, "reference", Text }, { 2, "pullPolicy", Text } },
    ];
}
