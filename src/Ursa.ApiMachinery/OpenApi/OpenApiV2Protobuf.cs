using System.Text.Json.Nodes;

namespace Ursa.ApiMachinery.OpenApi;

/// <summary>
/// Swagger 2.0 JSON to gnostic's <c>openapi.v2.Document</c> protobuf, the form kubectl 1.20-1.27 fetch from
/// <c>/openapi/v2</c> (and <c>/swagger-2.0.0.pb-v1</c>) to validate manifests and run <c>explain</c>; a JSON answer
/// there is a hard error for them. Pure: no I/O, the same input always gives the same bytes.
/// </summary>
/// <remarks>
/// Covers every field of the .proto except <c>google.protobuf.Any.value</c> (gnostic fills only <c>Any.yaml</c>).
/// Keys outside the Swagger 2.0 vocabulary are skipped, as are values of the wrong JSON type; <c>x-*</c> keys
/// become <c>vendor_extension</c> entries whose <c>yaml</c> is the value's JSON text (JSON is YAML).
/// </remarks>
public static class OpenApiV2Protobuf
{
    /// <summary>
    /// The Content-Type to answer with, as kube-apiserver does. Not the <c>@</c> form: Go's
    /// <c>mime.ParseMediaType</c> rejects <c>@</c>, and kubectl 1.27 then fails with "mime: unexpected content
    /// after media subtype".
    /// </summary>
    public const string ContentType = "application/com.github.proto-openapi.spec.v2.v1.0+protobuf";

    /// <summary>The media type kubectl 1.20-1.27 put in <c>Accept</c> (match it, answer with <see cref="ContentType"/>).</summary>
    public const string AcceptMediaType = "application/com.github.proto-openapi.spec.v2@v1.0+protobuf";

    /// <summary>Encodes <paramref name="swagger"/> (<c>{"swagger":"2.0","info":..,"paths":..,"definitions":..}</c>).</summary>
    public static byte[] Encode(JsonObject swagger)
    {
        ArgumentNullException.ThrowIfNull(swagger);
        var writer = new ProtoWriter();
        GnosticMessages.Document.Write(writer, swagger);
        return writer.ToArray();
    }
}
