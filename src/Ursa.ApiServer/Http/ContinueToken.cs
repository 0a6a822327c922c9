using System.Buffers.Text;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Ursa.ApiServer.Errors;

namespace Ursa.ApiServer.Http;

/// <summary>The opaque continue token of a paged list: the list's revision and the last key returned.</summary>
public sealed record ContinueToken(long Revision, string StartAfterKey)
{
    public string Encode() =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes(new JsonObject { ["rv"] = Revision, ["start"] = StartAfterKey }.ToJsonString()));

    public static ContinueToken Decode(string token)
    {
        try
        {
            var node = JsonNode.Parse(Base64Url.DecodeFromChars(token))!;
            return new ContinueToken((long)node["rv"]!, (string)node["start"]!);
        }
        catch (Exception e) when (e is FormatException or JsonException or NullReferenceException or InvalidOperationException)
        {
            throw ApiErrors.BadRequest("continue key is not valid: " + e.Message);
        }
    }
}
