using Ursa.ApiMachinery.Protobuf;

using Ursa.UnitTests.Testing;

namespace Ursa.UnitTests.ApiMachinery.Protobuf;

/// <summary>What real kubectl generator commands send, decoded; and the test writer reproduces those bytes exactly.</summary>
public sealed class KubectlBodyTests
{
    public static TheoryData<string, string, string> Captured => new()
    {
        { "create namespace", KubectlBodies.CreateNamespaceCaptured, KubectlBodies.CreateNamespaceJson },
        { "create deployment", KubectlBodies.CreateDeploymentCaptured, KubectlBodies.CreateDeploymentJson },
        { "create job", KubectlBodies.CreateJobCaptured, KubectlBodies.CreateJobJson },
        { "create configmap", KubectlBodies.CreateConfigMapCaptured, KubectlBodies.CreateConfigMapJson },
        { "create secret generic", KubectlBodies.CreateSecretCaptured, KubectlBodies.CreateSecretJson },
        { "create serviceaccount", KubectlBodies.CreateServiceAccountCaptured, KubectlBodies.CreateServiceAccountJson },
        { "create service clusterip", KubectlBodies.CreateServiceCaptured, KubectlBodies.CreateServiceJson },
        { "create cronjob", KubectlBodies.CreateCronJobCaptured, KubectlBodies.CreateCronJobJson },
    };

    public static TheoryData<string, string, byte[]> Rebuilt => new()
    {
        { "create namespace", KubectlBodies.CreateNamespaceCaptured, KubectlBodies.CreateNamespace() },
        { "create deployment", KubectlBodies.CreateDeploymentCaptured, KubectlBodies.CreateDeployment() },
        { "create job", KubectlBodies.CreateJobCaptured, KubectlBodies.CreateJob() },
    };

    [Theory]
    [MemberData(nameof(Captured))]
    public void DecodeToJson_CapturedKubectlBody_IsTheObjectKubectlBuilt(string command, string base64, string expectedJson)
    {
        _ = command;
        JsonAssert.Equal(expectedJson, KubernetesProtobuf.DecodeToJson(Convert.FromBase64String(base64)));
    }

    [Theory]
    [MemberData(nameof(KubectlRbacBodies.Captured), MemberType = typeof(KubectlRbacBodies))]
    public void DecodeToJson_CapturedRbacQuotaPriorityBody_IsTheObjectKubectlBuilt(string command, string base64, string expectedJson)
    {
        _ = command;
        JsonAssert.Equal(expectedJson, KubernetesProtobuf.DecodeToJson(Convert.FromBase64String(base64)));
    }

    [Theory]
    [MemberData(nameof(Rebuilt))]
    public void ProtobufWriter_GogoObjects_ReproduceCapturedBytes(string command, string base64, byte[] rebuilt)
    {
        _ = command;
        Assert.Equal(Convert.FromBase64String(base64), rebuilt);
    }

    [Theory]
    [InlineData("application/vnd.kubernetes.protobuf", true)]
    [InlineData("application/vnd.kubernetes.protobuf; charset=binary", true)]
    [InlineData("Application/VND.Kubernetes.Protobuf", true)]
    [InlineData(" application/vnd.kubernetes.protobuf ", true)]
    [InlineData("application/vnd.kubernetes.protobuf;stream=watch", true)]
    [InlineData("application/json", false)]
    [InlineData("application/yaml", false)]
    [InlineData("application/vnd.kubernetes.protobuf-extra", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void IsProtobuf_ContentType_MatchesMediaTypeOnly(string? contentType, bool expected)
    {
        Assert.Equal(expected, KubernetesProtobuf.IsProtobuf(contentType));
    }
}
