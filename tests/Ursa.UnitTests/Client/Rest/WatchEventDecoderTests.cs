using System.Net;
using System.Text;
using System.Text.Json;
using Ursa.Api.Core;
using Ursa.Api.Meta;
using Ursa.Api.Serialization;
using Ursa.Client.Rest;

namespace Ursa.UnitTests.Client.Rest;

public sealed class WatchEventDecoderTests
{
    private static Pod NewPod(string annotation = "x") => new()
    {
        Metadata = new ObjectMeta
        {
            Name = "web-0",
            Namespace = "default",
            Uid = "u-1",
            ResourceVersion = "42",
            CreationTimestamp = new DateTimeOffset(2026, 11, 21, 6, 0, 0, TimeSpan.Zero),
            Annotations = new Dictionary<string, string> { ["note"] = annotation },
        },
        Spec = new PodSpec { NodeName = "h-1", Containers = [new Container { Name = "c", Image = "nginx:1.27" }] },
        Status = new PodStatus { Phase = "Running", StartTime = new DateTimeOffset(2026, 11, 21, 6, 0, 1, TimeSpan.Zero) },
    };

    private static string PodJson(Pod pod) => JsonSerializer.Serialize(pod, UrsaJsonContext.Default.Pod);

    private static ObjectEvent<Pod> Decode(string line) => WatchEventDecoder.Decode(Encoding.UTF8.GetBytes(line), UrsaJsonContext.Default.Pod);

    [Theory]
    [InlineData("ADDED", WatchEventKind.Added)]
    [InlineData("MODIFIED", WatchEventKind.Modified)]
    [InlineData("DELETED", WatchEventKind.Deleted)]
    public void Event_AsTheServerWritesIt_DecodesTheWholeObject(string type, WatchEventKind kind)
    {
        var json = PodJson(NewPod());
        var e = Decode($$"""{"type":"{{type}}","object":{{json}}}""");

        Assert.Equal(kind, e.Kind);
        Assert.Equal("42", e.ResourceVersion);
        Assert.Equal(json, PodJson(e.Object));
    }

    [Fact]
    public void Bookmark_CarriesTheResourceVersion()
    {
        var e = Decode("""{"type":"BOOKMARK","object":{"kind":"Pod","apiVersion":"v1","metadata":{"resourceVersion":"9001"}}}""");

        Assert.Equal(WatchEventKind.Bookmark, e.Kind);
        Assert.Equal("9001", e.ResourceVersion);
    }

    [Fact]
    public void ObjectBeforeType_AndUnknownFields_DecodeTheSame()
    {
        var json = PodJson(NewPod());
        var e = Decode($$"""{ "extra" : [1, {"a": "b"}], "object" : {{json}}, "type" : "MODIFIED", "more": null }""");

        Assert.Equal(WatchEventKind.Modified, e.Kind);
        Assert.Equal(json, PodJson(e.Object));
    }

    [Fact]
    public void AVeryLongObject_Decodes()
    {
        var annotation = new string('a', 512 * 1024) + "é✓\"\\";
        var e = Decode($$"""{"type":"ADDED","object":{{PodJson(NewPod(annotation))}}}""");

        Assert.Equal(annotation, e.Object.Metadata.Annotations!["note"]);
    }

    [Theory]
    [InlineData("""{"type":"ERROR","object":{"kind":"Status","apiVersion":"v1","status":"Failure","message":"too old resource version: 5 (9)","reason":"Expired","code":410}}""", HttpStatusCode.Gone, "Expired", "too old resource version: 5 (9)")]
    [InlineData("""{"object":{"kind":"Status","code":403,"reason":"Forbidden","message":"no"},"type":"ERROR"}""", HttpStatusCode.Forbidden, "Forbidden", "no")]
    [InlineData("""{"type":"ERROR","object":{"kind":"Status"}}""", HttpStatusCode.InternalServerError, "Unknown", "watch error")]
    public void Error_ThrowsTheStatus(string line, HttpStatusCode code, string reason, string message)
    {
        var e = Assert.Throws<ApiStatusException>(() => Decode(line));

        Assert.Equal((code, reason, message), (e.Code, e.Reason, e.Message));
    }

    [Theory]
    [InlineData("""{"type":"SYNC","object":{}}""")]
    [InlineData("""{"object":{"metadata":{}}}""")]
    [InlineData("""{"type":"ADDED"}""")]
    [InlineData("""{"type":"ADDED","object":null}""")]
    [InlineData("""{"type":7,"object":{}}""")]
    [InlineData("""[1]""")]
    public void MalformedEvents_AreInvalidData(string line) =>
        Assert.Throws<InvalidDataException>(() => Decode(line));

    [Theory]
    [InlineData("""{"type":"ADDED","object":{"metadata":{}""")]
    [InlineData("""{"type":"ADDED","object":{"metadata":{"name":5}}}""")]
    [InlineData("""{"type":"ADDED",,"object":{}}""")]
    [InlineData("""{"type":"ADDED","object":{"metadata":{}}} {}""")]
    public void BrokenJson_IsAJsonException(string line) =>
        Assert.ThrowsAny<JsonException>(() => Decode(line));
}
