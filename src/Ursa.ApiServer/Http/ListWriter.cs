using System.Globalization;
using System.IO.Pipelines;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Ursa.ApiServer.Caching;
using Ursa.ApiServer.Registry;
using Ursa.ApiServer.Resources;

namespace Ursa.ApiServer.Http;

/// <summary>
/// Streams lists. Items are the cached JSON bytes copied as they are: no decode, no re-encode, so a list of
/// 100,000 pods costs one memory copy per item. Tables decode each object once to compute its cells.
/// </summary>
public static class ListWriter
{
    private const int FlushBytes = 256 * 1024;

    public static async Task WriteListAsync(HttpResponse response, ResourceDefinition resource, IReadOnlyList<CachedObject> items, long revision, string? continueToken, long? remaining, CancellationToken cancellationToken)
    {
        response.StatusCode = 200;
        response.ContentType = MediaTypes.Json;
        var pipe = response.BodyWriter;
        var header = new StringBuilder();
        header.Append(CultureInfo.InvariantCulture, $"{{\"kind\":\"{resource.ListKind}\",\"apiVersion\":\"{resource.GroupVersion}\",\"metadata\":{{\"resourceVersion\":\"{revision}\"");
        if (continueToken is not null)
        {
            header.Append(CultureInfo.InvariantCulture, $",\"continue\":\"{continueToken}\"");
        }

        if (remaining is { } r)
        {
            header.Append(CultureInfo.InvariantCulture, $",\"remainingItemCount\":{r}");
        }

        header.Append("},\"items\":[");
        Write(pipe, Encoding.UTF8.GetBytes(header.ToString()));
        var pending = 0;
        for (var i = 0; i < items.Count; i++)
        {
            if (i > 0)
            {
                Write(pipe, ","u8);
            }

            var json = items[i].Json;
            Write(pipe, json);
            pending += json.Length;
            if (pending >= FlushBytes)
            {
                await pipe.FlushAsync(cancellationToken).ConfigureAwait(false);
                pending = 0;
            }
        }

        Write(pipe, "]}"u8);
        await pipe.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    public static async Task WriteTableAsync(HttpResponse response, ResourceDefinition resource, IReadOnlyList<CachedObject> items, long revision, string? continueToken, bool includeObject, DateTimeOffset now, CancellationToken cancellationToken)
    {
        response.StatusCode = 200;
        response.ContentType = MediaTypes.Table;
        var pipe = response.BodyWriter;
        using (var writer = new Utf8JsonWriter(pipe))
        {
            writer.WriteStartObject();
            writer.WriteString("kind", "Table");
            writer.WriteString("apiVersion", "meta.k8s.io/v1");
            writer.WriteStartObject("metadata");
            writer.WriteString("resourceVersion", revision.ToString(CultureInfo.InvariantCulture));
            if (continueToken is not null)
            {
                writer.WriteString("continue", continueToken);
            }

            writer.WriteEndObject();
            TableJson.WriteColumns(writer, resource.Table.Columns);
            writer.WriteStartArray("rows");
            foreach (var item in items)
            {
                var obj = ObjectCodec.Decode(resource, item.Json);
                TableJson.WriteRow(writer, resource, obj, item.Json, includeObject, now);
                if (writer.BytesPending > FlushBytes)
                {
                    await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
                }
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
            await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
        }

        await pipe.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    private static void Write(PipeWriter pipe, ReadOnlySpan<byte> bytes)
    {
        var span = pipe.GetSpan(bytes.Length);
        bytes.CopyTo(span);
        pipe.Advance(bytes.Length);
    }
}
