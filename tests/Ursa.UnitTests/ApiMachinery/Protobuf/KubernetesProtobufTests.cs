using Ursa.ApiMachinery.Protobuf;

using Ursa.UnitTests.Testing;

namespace Ursa.UnitTests.ApiMachinery.Protobuf;

public sealed class KubernetesProtobufTests
{
    public static TheoryData<string, byte[], string> Objects => new()
    {
        { "pod: env, ports, resources, probes, volumes, tolerations", ObjectBodies.Pod(), ObjectBodies.PodJson },
        { "deployment: pointer zero kept, IntOrString", ObjectBodies.DeploymentWithZeroReplicas(), ObjectBodies.DeploymentWithZeroReplicasJson },
        { "lease: MicroTime, pointer ints", ObjectBodies.Lease(), ObjectBodies.LeaseJson },
        { "packed repeated scalars", WireBodies.PackedRepeatedScalars(), WireBodies.PackedRepeatedScalarsJson },
        { "unknown fields skipped", WireBodies.UnknownFields(), WireBodies.UnknownFieldsJson },
        { "managedFields and bytes map", WireBodies.ManagedFields(), WireBodies.ManagedFieldsJson },
        { "delete options", WireBodies.DeleteOptions(), WireBodies.DeleteOptionsJson },
        { "node", WireBodies.Node(), WireBodies.NodeJson },
        { "event", WireBodies.Event(), WireBodies.EventJson },
        { "binding", WireBodies.Binding(), WireBodies.BindingJson },
        { "kubectl create namespace (rebuilt)", KubectlBodies.CreateNamespace(), KubectlBodies.CreateNamespaceJson },
        { "kubectl create deployment (rebuilt)", KubectlBodies.CreateDeployment(), KubectlBodies.CreateDeploymentJson },
        { "kubectl create job (rebuilt)", KubectlBodies.CreateJob(), KubectlBodies.CreateJobJson },
    };

    [Theory]
    [MemberData(nameof(Objects))]
    public void DecodeToJson_Object_IsItsKubernetesJson(string name, byte[] body, string expectedJson)
    {
        _ = name;
        JsonAssert.Equal(expectedJson, KubernetesProtobuf.DecodeToJson(body));
    }

    [Fact]
    public void DecodeToJson_ApiVersionAndKind_ComeFirst()
    {
        var names = KubernetesProtobuf.DecodeToJson(KubectlBodies.CreateNamespace()).Select(p => p.Key).ToList();

        Assert.Equal(["apiVersion", "kind", "metadata", "spec", "status"], names);
    }
}
