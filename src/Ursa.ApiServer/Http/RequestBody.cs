using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Ursa.ApiMachinery.Protobuf;
using Ursa.ApiServer.Errors;
using YamlDotNet.Core;

namespace Ursa.ApiServer.Http;

/// <summary>Reads request bodies with a size limit (also for chunked bodies) and decodes JSON or YAML.</summary>
public static class RequestBody
{
    /// <summary>Kubernetes' limit for one request body is 3 MiB.</summary>
    public const int MaxBytes = 3 * 1024 * 1024;

    public static async Task<byte[]> ReadBytesAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > MaxBytes)
        {
            throw ApiErrors.RequestEntityTooLarge(MaxBytes);
        }

        var buffer = new ArrayBufferWriter<byte>((int)Math.Clamp(request.ContentLength ?? 4096, 1, MaxBytes));
        while (true)
        {
            var memory = buffer.GetMemory(16 * 1024);
            var read = await request.Body.ReadAsync(memory, cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                break;
            }

            buffer.Advance(read);
            if (buffer.WrittenCount > MaxBytes)
            {
                throw ApiErrors.RequestEntityTooLarge(MaxBytes);
            }
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>The media type without parameters, lower-cased; JSON when absent.</summary>
    public static string MediaType(HttpRequest request)
    {
        var contentType = request.ContentType;
        if (string.IsNullOrWhiteSpace(contentType))
        {
            return "application/json";
        }

        var semicolon = contentType.IndexOf(';');
        return (semicolon < 0 ? contentType : contentType[..semicolon]).Trim().ToLowerInvariant();
    }

    /// <summary>Decodes a Kubernetes protobuf body into its JSON form; malformed input is a 400.</summary>
    public static JsonObject DecodeProtobuf(byte[] body)
    {
        try
        {
            return KubernetesProtobuf.DecodeToJson(body);
        }
        catch (ProtobufDecodeException e)
        {
            throw ApiErrors.BadRequest($"the protobuf request body could not be decoded: {e.Message}");
        }
    }

    /// <summary>Decodes a JSON or YAML document; malformed input is a 400.</summary>
    public static JsonNode Decode(byte[] body, string mediaType)
    {
        if (body.Length == 0)
        {
            throw ApiErrors.BadRequest("the request body is empty");
        }

        try
        {
            var node = mediaType switch
            {
                "application/yaml" or "application/x-yaml" or "text/yaml" => YamlToJson.Convert(Encoding.UTF8.GetString(body)),
                _ => JsonNode.Parse(body, documentOptions: new JsonDocumentOptions { MaxDepth = 100 }),
            };
            return node ?? throw ApiErrors.BadRequest("the request body is null");
        }
        catch (JsonException e)
        {
            throw ApiErrors.BadRequest($"the request body is not valid JSON: {e.Message}");
        }
        catch (Exception e) when (e is YamlException or InvalidOperationException)
        {
            throw ApiErrors.BadRequest($"the request body is not valid YAML: {e.Message}");
        }
    }
}
