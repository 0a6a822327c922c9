using Ursa.ApiMachinery.Protobuf;

namespace Ursa.UnitTests.ApiMachinery.Protobuf;

public sealed class KubernetesProtobufErrorTests
{
    private static readonly byte[] Magic = "k8s\0"u8.ToArray();

    public static TheoryData<string, byte[], string> Malformed => new()
    {
        { "empty body", [], "magic" },
        { "JSON body", "{\"kind\":\"Namespace\"}"u8.ToArray(), "magic" },
        { "magic only", Magic, "no kind" },
        { "truncated varint", [.. Magic, 0x12, 0x80], "truncated protobuf varint" },
        { "varint over 10 bytes", [.. Magic, 0x18, .. Enumerable.Repeat((byte)0xFF, 11)], "more than 10 bytes" },
        { "length past end", [.. Magic, 0x12, 0x05, 0x01], "runs past the end" },
        {
            "length past end inside the object",
            ProtobufWriter.Body("v1", "Namespace", ns => ns.Raw(0x0A, 0x10, 0x0A)),
            "runs past the end"
        },
        { "truncated fixed32", [.. Magic, 0x1D, 0x01], "truncated protobuf fixed32" },
        { "field number zero", [.. Magic, 0x00, 0x01], "invalid protobuf field number 0" },
        { "group wire type", [.. Magic, 0x0B], "unsupported protobuf wire type 3" },
        { "unknown kind", ProtobufWriter.Body("v1", "Frobnicator", _ => { }), "v1, Kind=Frobnicator" },
        { "kind of another group", ProtobufWriter.Body("v1", "Deployment", _ => { }), "v1, Kind=Deployment" },
        { "content encoding", ProtobufWriter.Body("v1", "Namespace", _ => { }, "gzip"), "contentEncoding \"gzip\"" },
        {
            "wire type mismatch",
            ProtobufWriter.Body("v1", "Namespace", ns => ns.Varint(1, 5)),
            "Namespace.metadata (number 1) has wire type 0"
        },
        {
            "invalid UTF-8 string",
            ProtobufWriter.Body("v1", "Namespace", ns => ns.Message(1, meta => meta.Bytes(1, [0xC3, 0x28]))),
            "ObjectMeta.name is not valid UTF-8"
        },
        {
            "fieldsV1 not JSON",
            ProtobufWriter.Body("v1", "Namespace", ns => ns.Message(1, meta => meta
                .Message(17, entry => entry.Message(7, fields => fields.String(1, "{not json"))))),
            "not valid JSON"
        },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public void DecodeToJson_MalformedBody_ThrowsDecodeExceptionSayingWhy(string name, byte[] body, string messagePart)
    {
        _ = name;
        ProtobufDecodeException e = Assert.Throws<ProtobufDecodeException>(() => KubernetesProtobuf.DecodeToJson(body));
        Assert.Contains(messagePart, e.Message, StringComparison.Ordinal);
    }
}
