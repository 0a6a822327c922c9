using static Ursa.ApiMachinery.Protobuf.FieldFlags;
using static Ursa.ApiMachinery.Protobuf.ProtoType;

namespace Ursa.ApiMachinery.Protobuf;

internal static partial class KubernetesSchema
{
    // k8s.io/api/coordination/v1/generated.proto: Lease (node heartbeats, leader election).
    private static MessageSchema[] CoordinationMessages() =>
    [
        new("Lease") { { 1, "metadata", "ObjectMeta" }, { 2, "spec", "LeaseSpec" } },
        new("LeaseSpec")
        {
            { 1, "holderIdentity", Text, Pointer },
            { 2, "leaseDurationSeconds", Int, Pointer },
            { 3, "acquireTime", MicroTime },
            { 4, "renewTime", MicroTime },
            { 5, "leaseTransitions", Int, Pointer },
            { 6, "strategy", Text, Pointer },
            { 7, "preferredHolder", Text, Pointer },
        },
    ];
}
