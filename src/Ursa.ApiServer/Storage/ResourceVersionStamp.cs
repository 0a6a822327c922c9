using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Ursa.ApiServer.Storage;

/// <summary>
/// Objects are stored without <c>metadata.resourceVersion</c>: the store assigns the revision at commit, as etcd
/// does. This inserts <c>"resourceVersion":"N"</c> as the first member of the top-level metadata object on the
/// way out. One forward scan and one copy (~1 µs per KiB), done once per event by the watch cache, not per read.
/// </summary>
public static class ResourceVersionStamp
{
    private static readonly byte[] MetadataName = "metadata"u8.ToArray();

    public static byte[] Apply(ReadOnlySpan<byte> json, long revision)
    {
        var open = FindMetadataObjectStart(json);
        if (open < 0)
        {
            return json.ToArray();
        }

        var member = Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"\"resourceVersion\":\"{revision}\""));
        var isEmpty = NextNonWhitespace(json, open + 1) is var next && next < json.Length && json[next] == (byte)'}';
        var result = new byte[json.Length + member.Length + (isEmpty ? 0 : 1)];
        json[..(open + 1)].CopyTo(result);
        var at = open + 1;
        member.CopyTo(result.AsSpan(at));
        at += member.Length;
        if (!isEmpty)
        {
            result[at++] = (byte)',';
        }

        json[(open + 1)..].CopyTo(result.AsSpan(at));
        return result;
    }

    /// <summary>Offset of the '{' that opens the top-level "metadata" value, or -1.</summary>
    private static int FindMetadataObjectStart(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return -1;
        }

        while (reader.Read())
        {
            if (reader.TokenType == JsonTokenType.EndObject && reader.CurrentDepth == 0)
            {
                return -1;
            }

            if (reader.TokenType == JsonTokenType.PropertyName && reader.CurrentDepth == 1)
            {
                var isMetadata = reader.ValueTextEquals(MetadataName);
                reader.Read();
                if (isMetadata && reader.TokenType == JsonTokenType.StartObject)
                {
                    return (int)reader.TokenStartIndex;
                }

                reader.Skip();
            }
        }

        return -1;
    }

    private static int NextNonWhitespace(ReadOnlySpan<byte> json, int from)
    {
        while (from < json.Length && json[from] is (byte)' ' or (byte)'\n' or (byte)'\r' or (byte)'\t')
        {
            from++;
        }

        return from;
    }
}
