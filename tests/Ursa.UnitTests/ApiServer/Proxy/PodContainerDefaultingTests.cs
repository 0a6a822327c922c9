using Ursa.Api.Core;
using Ursa.Api.Meta;
using Ursa.ApiServer.Errors;
using Ursa.ApiServer.Proxy;

namespace Ursa.UnitTests.ApiServer.Proxy;

public sealed class PodContainerDefaultingTests
{
    public static TheoryData<string, Pod, string?, string> Chosen => new()
    {
        { "the only container", PodWith(["main"]), null, "main" },
        { "the one asked for", PodWith(["main", "side"]), "side", "side" },
        { "an init container asked for", PodWith(["main"], init: ["setup"]), "setup", "setup" },
        { "the annotated default", PodWith(["main", "side"], annotation: "side"), null, "side" },
        { "the only container, whatever the annotation says", PodWith(["main"], annotation: "gone"), null, "main" },
        { "a VM pod's virtual machine", VmPod("guest"), null, "guest" },
        { "a VM pod without a VM name", VmPod(null), null, "vm" },
        { "a VM pod, named", VmPod("guest"), "guest", "guest" },
    };

    public static TheoryData<string, Pod, string?, string> Rejected => new()
    {
        { "several, none chosen", PodWith(["a", "b"]), null, "a container name must be specified for pod p, choose one of: [a b]" },
        { "several with init", PodWith(["a", "b"], init: ["i"]), null, "a container name must be specified for pod p, choose one of: [a b] or one of the init containers: [i]" },
        { "annotation naming no container", PodWith(["a", "b"], annotation: "c"), null, "a container name must be specified for pod p, choose one of: [a b]" },
        { "unknown container", PodWith(["main"]), "nope", "container nope is not valid for pod p" },
        { "no containers", PodWith([]), null, "pod p has no containers" },
    };

    [Theory]
    [MemberData(nameof(Chosen))]
    public void Resolve_Chooses(string why, Pod pod, string? requested, string expected) =>
        Assert.True(expected == PodContainerDefaulting.Resolve(pod, requested), why);

    [Theory]
    [MemberData(nameof(Rejected))]
    public void Resolve_Rejects(string why, Pod pod, string? requested, string message)
    {
        var error = Assert.Throws<ApiException>(() => PodContainerDefaulting.Resolve(pod, requested));

        Assert.True(error.Code == System.Net.HttpStatusCode.BadRequest, why);
        Assert.Equal(message, error.Message);
    }

    private static Pod PodWith(string[] containers, string[]? init = null, string? annotation = null) => new()
    {
        Metadata = new ObjectMeta
        {
            Name = "p",
            Annotations = annotation is null ? null : new() { [PodContainerDefaulting.DefaultContainerAnnotation] = annotation },
        },
        Spec = new PodSpec
        {
            Containers = [.. containers.Select(c => new Container { Name = c })],
            InitContainers = init is null ? null : [.. init.Select(c => new Container { Name = c })],
        },
    };

    private static Pod VmPod(string? name) => new()
    {
        Metadata = new ObjectMeta { Name = "p" },
        Spec = new PodSpec { VirtualMachine = new VirtualMachine { Name = name } },
    };
}
