using System.Text;
using System.Text.Json.Nodes;

namespace Ursa.ApiMachinery.Protobuf;

/// <summary>
/// Reads request bodies in the Kubernetes protobuf encoding (<c>application/vnd.kubernetes.protobuf</c>), which
/// kubectl's typed clients use for built-in kinds (<c>kubectl create namespace|deployment|job ...</c>) with no JSON
/// fallback, and turns them into the JSON object the JSON path of the API server expects.
/// <code>
///   body = "k8s\0" + runtime.Unknown {
///            1: TypeMeta { 1: apiVersion, 2: kind }
///            2: raw      (the object's own message, e.g. k8s.io.api.core.v1.Namespace)
///            3: contentEncoding (must be empty)
///            4: contentType }
/// </code>
/// </summary>
public static class KubernetesProtobuf
{
    /// <summary>The media type of the Kubernetes protobuf encoding.</summary>
    public const string MediaType = "application/vnd.kubernetes.protobuf";

    private static ReadOnlySpan<byte> Magic => "k8s\0"u8;

    /// <summary>
    /// Whether a <c>Content-Type</c> header names the Kubernetes protobuf encoding (parameters such as
    /// <c>; charset=</c> are ignored; the comparison is case-insensitive).
    /// </summary>
    public static bool IsProtobuf(string? contentType)
    {
        if (string.IsNullOrEmpty(contentType))
        {
            return false;
        }

        int semicolon = contentType.IndexOf(';', StringComparison.Ordinal);
        ReadOnlySpan<char> mediaType = (semicolon < 0 ? contentType : contentType[..semicolon]).AsSpan().Trim();
        return mediaType.Equals(MediaType, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>
    /// Decodes a protobuf request body into the object's JSON form, <c>apiVersion</c> and <c>kind</c> (from the
    /// envelope) first. Fields this server has no schema for are skipped.
    /// </summary>
    /// <exception cref="ProtobufDecodeException">
    /// The body lacks the <c>k8s\0</c> magic, is malformed or truncated, uses a content encoding, or is of a
    /// kind with no protobuf schema here.
    /// </exception>
    public static JsonObject DecodeToJson(ReadOnlySpan<byte> body)
    {
        if (!body.StartsWith(Magic))
        {
            throw new ProtobufDecodeException("protobuf body does not start with the Kubernetes magic prefix \"k8s\\x00\"");
        }

        Envelope envelope = ReadEnvelope(body[Magic.Length..]);
        if (envelope.ContentEncoding.Length != 0)
        {
            throw new ProtobufDecodeException(
                $"protobuf body has contentEncoding \"{envelope.ContentEncoding}\"; only unencoded bodies are supported");
        }

        if (envelope.Kind.Length == 0)
        {
            throw new ProtobufDecodeException("protobuf body has no kind in its TypeMeta");
        }

        MessageSchema schema = KubernetesSchema.Root(envelope.ApiVersion, envelope.Kind)
            ?? throw new ProtobufDecodeException(
                $"protobuf is not supported for {envelope.ApiVersion}, Kind={envelope.Kind}; send application/json");

        var result = new JsonObject
        {
            ["apiVersion"] = envelope.ApiVersion,
            ["kind"] = envelope.Kind,
        };
        ProtobufJsonDecoder.DecodeInto(result, envelope.Raw, schema);
        return result;
    }

    private static Envelope ReadEnvelope(ReadOnlySpan<byte> unknown)
    {
        var envelope = new Envelope();
        var reader = new ProtobufReader(unknown);
        while (reader.TryReadKey(out int number, out WireType wireType))
        {
            switch (number, wireType)
            {
                case (1, WireType.LengthDelimited):
                    var typeMeta = new ProtobufReader(reader.ReadLengthDelimited());
                    while (typeMeta.TryReadKey(out int typeNumber, out WireType typeWireType))
                    {
                        switch (typeNumber, typeWireType)
                        {
                            case (1, WireType.LengthDelimited):
                                envelope.ApiVersion = Encoding.UTF8.GetString(typeMeta.ReadLengthDelimited());
                                break;
                            case (2, WireType.LengthDelimited):
                                envelope.Kind = Encoding.UTF8.GetString(typeMeta.ReadLengthDelimited());
                                break;
                            default:
                                typeMeta.Skip(typeWireType);
                                break;
                        }
                    }

                    break;
                case (2, WireType.LengthDelimited):
                    envelope.Raw = reader.ReadLengthDelimited();
                    break;
                case (3, WireType.LengthDelimited):
                    envelope.ContentEncoding = Encoding.UTF8.GetString(reader.ReadLengthDelimited());
                    break;
                default:
                    reader.Skip(wireType);
                    break;
            }
        }

        return envelope;
    }

    private ref struct Envelope
    {
        public Envelope()
        {
        }

        public string ApiVersion { get; set; } = string.Empty;

        public string Kind { get; set; } = string.Empty;

        public ReadOnlySpan<byte> Raw { get; set; }

        public string ContentEncoding { get; set; } = string.Empty;
    }
}
