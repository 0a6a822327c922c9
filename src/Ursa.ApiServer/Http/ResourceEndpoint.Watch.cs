using System.Globalization;
using System.IO.Pipelines;
using System.Text.Json;
using Ursa.ApiServer.Caching;
using Ursa.ApiServer.Registry;

namespace Ursa.ApiServer.Http;

public sealed partial class ResourceEndpoint
{
    /// <summary>Bookmarks tell idle watchers how far the cache has got, so their resume point stays fresh.</summary>
    public static readonly TimeSpan BookmarkInterval = TimeSpan.FromSeconds(30);

    private async Task WatchAsync(ApiRequest request)
    {
        var resource = request.Resource;
        var cache = CacheOf(request);
        await cache.Ready.WaitAsync(request.Aborted).ConfigureAwait(false);
        var filter = BuildFilter(request);
        if (request.Name is not null)
        {
            filter = new ObjectFilter(resource, request.Tenant, request.Namespace, filter.Labels, ApiMachinery.Selectors.FieldSelector.Parse($"metadata.name={request.Name}"));
        }

        var rv = request.Query("resourceVersion");
        long? from = string.IsNullOrEmpty(rv) || rv == "0" ? null : ParseRevision(rv);
        if (from is { } target && !await cache.WaitForRevisionAsync(target, CacheCatchUpTimeout, request.Aborted).ConfigureAwait(false))
        {
            throw Errors.ApiErrors.Timeout($"Too large resource version: {target}, current: {cache.Revision}");
        }

        using var watcher = cache.Watch(filter, from);
        var table = MediaTypes.WantsTable(request.Http.Request.Headers.Accept);
        var bookmarks = request.QueryFlag("allowWatchBookmarks");
        var response = request.Http.Response;
        response.StatusCode = 200;
        response.ContentType = table ? MediaTypes.Table : MediaTypes.Json;
        await response.StartAsync(request.Aborted).ConfigureAwait(false);
        await response.BodyWriter.FlushAsync(request.Aborted).ConfigureAwait(false);

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(request.Aborted);
        if (request.Query("timeoutSeconds") is { } seconds && int.TryParse(seconds, out var s) && s > 0)
        {
            timeout.CancelAfter(TimeSpan.FromSeconds(s));
        }

        var pipe = response.BodyWriter;
        var firstTableEvent = true;
        var lastRevision = from ?? cache.Revision;
        try
        {
            while (true)
            {
                using var tick = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token);
                tick.CancelAfter(BookmarkInterval);
                bool available;
                try
                {
                    available = await watcher.Events.WaitToReadAsync(tick.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (!timeout.IsCancellationRequested)
                {
                    if (bookmarks)
                    {
                        WriteBookmark(pipe, resource, Math.Max(lastRevision, cache.Revision));
                        await pipe.FlushAsync(timeout.Token).ConfigureAwait(false);
                    }

                    continue;
                }

                if (!available)
                {
                    return;
                }

                while (watcher.Events.TryRead(out var e))
                {
                    lastRevision = e.Object.Revision;
                    if (table)
                    {
                        WriteTableEvent(pipe, resource, e.Type, e.Object, firstTableEvent, request.Query("includeObject") == "Object");
                        firstTableEvent = false;
                    }
                    else
                    {
                        WriteEvent(pipe, e.Type, e.Object.Json);
                    }
                }

                await pipe.FlushAsync(timeout.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
            // Client went away or timeoutSeconds elapsed: the stream just ends.
        }
    }

    private static ReadOnlySpan<byte> TypeName(CacheEventType type) => type switch
    {
        CacheEventType.Added => "ADDED"u8,
        CacheEventType.Modified => "MODIFIED"u8,
        _ => "DELETED"u8,
    };

    private static void WriteEvent(PipeWriter pipe, CacheEventType type, byte[] json)
    {
        Write(pipe, "{\"type\":\""u8);
        Write(pipe, TypeName(type));
        Write(pipe, "\",\"object\":"u8);
        Write(pipe, json);
        Write(pipe, "}\n"u8);
    }

    private static void WriteBookmark(PipeWriter pipe, Resources.ResourceDefinition resource, long revision)
    {
        var json = string.Create(CultureInfo.InvariantCulture, $"{{\"type\":\"BOOKMARK\",\"object\":{{\"kind\":\"{resource.Kind}\",\"apiVersion\":\"{resource.GroupVersion}\",\"metadata\":{{\"resourceVersion\":\"{revision}\"}}}}}}\n");
        Write(pipe, System.Text.Encoding.UTF8.GetBytes(json));
    }

    private void WriteTableEvent(PipeWriter pipe, Resources.ResourceDefinition resource, CacheEventType type, CachedObject obj, bool withColumns, bool includeObject)
    {
        Write(pipe, "{\"type\":\""u8);
        Write(pipe, TypeName(type));
        Write(pipe, "\",\"object\":"u8);
        using (var writer = new Utf8JsonWriter(pipe))
        {
            writer.WriteStartObject();
            writer.WriteString("kind", "Table");
            writer.WriteString("apiVersion", "meta.k8s.io/v1");
            writer.WriteStartObject("metadata");
            writer.WriteString("resourceVersion", obj.Revision.ToString(CultureInfo.InvariantCulture));
            writer.WriteEndObject();
            if (withColumns)
            {
                TableJson.WriteColumns(writer, resource.Table.Columns);
            }

            writer.WriteStartArray("rows");
            TableJson.WriteRow(writer, resource, ObjectCodec.Decode(resource, obj.Json), obj.Json, includeObject, time.GetUtcNow());
            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        Write(pipe, "}\n"u8);
    }

    private static void Write(PipeWriter pipe, ReadOnlySpan<byte> bytes)
    {
        var span = pipe.GetSpan(bytes.Length);
        bytes.CopyTo(span);
        pipe.Advance(bytes.Length);
    }
}
