using System.Text;
using System.Text.Json;
using Ursa.Api.Core;
using Ursa.Api.Meta;
using Ursa.Api.Serialization;
using Ursa.Client.Rest;

namespace Ursa.UnitTests.Client.Rest;

public sealed class ObjectListDecoderTests
{
    private static ObjectList<Pod> Decode(string json) => ObjectListDecoder.Decode(Encoding.UTF8.GetBytes(json), UrsaJsonContext.Default.Pod);

    private static string PodJson(string name) => JsonSerializer.Serialize(
        new Pod { Metadata = new ObjectMeta { Name = name, Namespace = "default", ResourceVersion = "7", Labels = new Dictionary<string, string> { ["app"] = name } }, Spec = new PodSpec { NodeName = "n" } },
        UrsaJsonContext.Default.Pod);

    [Fact]
    public void List_AsTheServerWritesIt_DecodesEveryItemAndTheResourceVersion()
    {
        var list = Decode($$"""{"kind":"PodList","apiVersion":"v1","metadata":{"resourceVersion":"123","continue":""},"items":[{{PodJson("a")}},{{PodJson("b")}}]}""");

        Assert.Equal("123", list.ResourceVersion);
        Assert.Equal([PodJson("a"), PodJson("b")], list.Items.Select(p => JsonSerializer.Serialize(p, UrsaJsonContext.Default.Pod)));
    }

    [Theory]
    [InlineData("""{"items":[],"metadata":{}}""", 0, "")]
    [InlineData("""{"items":null,"metadata":{"resourceVersion":"5"}}""", 0, "5")]
    [InlineData("""{"metadata":{"resourceVersion":null,"x":{"y":[1]}},"extra":[{"items":1}],"items":[{"metadata":{"name":"p"}}]}""", 1, "")]
    public void ItemsAndMetadata_InAnyOrder(string json, int count, string resourceVersion)
    {
        var list = Decode(json);

        Assert.Equal((count, resourceVersion), (list.Items.Count, list.ResourceVersion));
    }

    [Theory]
    [InlineData("""{"metadata":{}}""")]
    [InlineData("""{"items":[]}""")]
    [InlineData("""{"items":{},"metadata":{}}""")]
    [InlineData("""{"items":[null],"metadata":{}}""")]
    [InlineData("""[]""")]
    public void MalformedLists_AreInvalidData(string json) =>
        Assert.Throws<InvalidDataException>(() => Decode(json));

    [Fact]
    public void BrokenJson_IsAJsonException() =>
        Assert.ThrowsAny<JsonException>(() => Decode("""{"items":[{"metadata":{"name":1}}],"metadata":{}}"""));
}
