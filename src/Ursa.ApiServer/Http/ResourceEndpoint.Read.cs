using Ursa.ApiMachinery.Selectors;
using Ursa.ApiServer.Caching;
using Ursa.ApiServer.Errors;
using Ursa.ApiServer.Storage;
using Ursa.Storage;
using LabelQuery = Ursa.ApiMachinery.Selectors.LabelSelector;

namespace Ursa.ApiServer.Http;

public sealed partial class ResourceEndpoint
{
    private async Task GetAsync(ApiRequest request)
    {
        var resource = request.Resource;
        var (obj, entry) = await registry.GetAsync(resource, request.Tenant, request.Namespace, request.Name!, request.Aborted).ConfigureAwait(false);
        var json = ResourceVersionStamp.Apply(entry.Value.Span, entry.ModRevision);
        if (MediaTypes.WantsTable(request.Http.Request.Headers.Accept))
        {
            await ListWriter.WriteTableAsync(request.Http.Response, resource, [new CachedObject
            {
                Key = entry.Key, Json = json, Revision = entry.ModRevision, Name = obj.Metadata.Name!, Labels = new Dictionary<string, string>(), Fields = [],
            }], entry.ModRevision, null, request.Query("includeObject") == "Object", time.GetUtcNow(), request.Aborted).ConfigureAwait(false);
            return;
        }

        await ApiResponse.WriteJsonAsync(request.Http.Response, 200, json, request.Aborted).ConfigureAwait(false);
    }

    private async Task ListAsync(ApiRequest request)
    {
        var resource = request.Resource;
        var filter = BuildFilter(request);
        var prefix = StorageKeys.ListPrefix(resource, request.Tenant, request.Namespace);
        var limit = ParseLimit(request.Query("limit"));
        var cache = CacheOf(request);
        List<CachedObject> items;
        long revision;
        string? next = null;
        long? remaining = null;
        if (request.Query("continue") is { Length: > 0 } token)
        {
            var position = ContinueToken.Decode(token);
            (items, revision, var more) = await ListFromStoreAsync(cache, prefix, filter, limit, position.StartAfterKey, position.Revision, request.Aborted).ConfigureAwait(false);
            if (more && items.Count > 0)
            {
                next = new ContinueToken(revision, items[^1].Key).Encode();
            }
        }
        else
        {
            if (await CacheIsFreshAsync(request, cache).ConfigureAwait(false))
            {
                (items, revision) = cache.List(filter, prefix);
            }
            else
            {
                (items, revision, _) = await ListFromStoreAsync(cache, prefix, filter, 0, null, 0, request.Aborted).ConfigureAwait(false);
            }

            if (limit > 0 && items.Count > limit)
            {
                remaining = items.Count - limit;
                items = items.GetRange(0, limit);
                next = new ContinueToken(revision, items[^1].Key).Encode();
            }
        }

        if (MediaTypes.WantsTable(request.Http.Request.Headers.Accept))
        {
            await ListWriter.WriteTableAsync(request.Http.Response, resource, items, revision, next, request.Query("includeObject") == "Object", time.GetUtcNow(), request.Aborted).ConfigureAwait(false);
        }
        else
        {
            await ListWriter.WriteListAsync(request.Http.Response, resource, items, revision, next, remaining, request.Aborted).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Resource version semantics of a list: unset = consistent (the cache must have caught up with the store's
    /// current revision), "0" = any, N = not older than N.
    /// </summary>
    private async Task<bool> CacheIsFreshAsync(ApiRequest request, WatchCache cache)
    {
        var rv = request.Query("resourceVersion");
        if (rv == "0")
        {
            await cache.Ready.WaitAsync(request.Aborted).ConfigureAwait(false);
            return true;
        }

        var target = string.IsNullOrEmpty(rv)
            ? await registry.Store.GetCurrentRevisionAsync(request.Aborted).ConfigureAwait(false)
            : ParseRevision(rv);
        if (await cache.WaitForRevisionAsync(target, CacheCatchUpTimeout, request.Aborted).ConfigureAwait(false))
        {
            return true;
        }

        if (!string.IsNullOrEmpty(rv))
        {
            throw ApiErrors.Timeout($"Too large resource version: {rv}, current: {cache.Revision}");
        }

        return false;
    }

    private static async Task<(List<CachedObject> Items, long Revision, bool More)> ListFromStoreAsync(
        WatchCache cache, string prefix, ObjectFilter filter, int limit, string? startAfter, long atRevision, CancellationToken cancellationToken)
    {
        var items = new List<CachedObject>();
        var options = new StoreListOptions { Limit = limit > 0 ? limit : 0, StartAfterKey = startAfter, AtRevision = atRevision };
        try
        {
            while (true)
            {
                var page = await cache.Store.ListAsync(prefix, options, cancellationToken).ConfigureAwait(false);
                foreach (var entry in page.Entries)
                {
                    var cached = cache.Attributes.ToCached(entry.Key, ResourceVersionStamp.Apply(entry.Value.Span, entry.ModRevision), entry.ModRevision);
                    if (filter.Matches(cached))
                    {
                        items.Add(cached);
                        if (limit > 0 && items.Count == limit)
                        {
                            var more = page.HasMore || entry != page.Entries[^1];
                            return (items, page.Revision, more);
                        }
                    }
                }

                if (!page.HasMore || page.Entries.Count == 0)
                {
                    return (items, page.Revision, false);
                }

                options = options with { StartAfterKey = page.Entries[^1].Key, AtRevision = page.Revision };
            }
        }
        catch (RevisionCompactedException)
        {
            throw ApiErrors.Gone("The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter.");
        }
    }

    private ObjectFilter BuildFilter(ApiRequest request)
    {
        LabelQuery labels;
        FieldSelector fields;
        try
        {
            labels = LabelQuery.Parse(request.Query("labelSelector"));
            fields = FieldSelector.Parse(request.Query("fieldSelector"));
        }
        catch (SelectorParseException e)
        {
            throw ApiErrors.BadRequest(e.Message);
        }

        foreach (var field in fields.Fields)
        {
            if (field is not ("metadata.name" or "metadata.namespace" or "metadata.tenant") && !request.Resource.SelectableFields.Contains(field))
            {
                throw ApiErrors.BadRequest($"field label not supported: {field}");
            }
        }

        return new ObjectFilter(request.Resource, request.Tenant, request.Namespace, labels, fields);
    }

    private static int ParseLimit(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return 0;
        }

        return int.TryParse(value, out var limit) && limit >= 0 ? limit : throw ApiErrors.BadRequest($"invalid limit \"{value}\"");
    }

    private static long ParseRevision(string value) =>
        long.TryParse(value, out var revision) && revision >= 0
            ? revision
            : throw ApiErrors.BadRequest($"invalid resource version \"{value}\": must be a non-negative integer");
}
