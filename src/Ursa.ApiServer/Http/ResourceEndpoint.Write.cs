using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Ursa.Api.Serialization;
using Ursa.ApiMachinery.Protobuf;
using Ursa.ApiServer.Errors;
using Ursa.ApiServer.Registry;
using Ursa.ApiServer.Resources;

namespace Ursa.ApiServer.Http;

public sealed partial class ResourceEndpoint
{
    private async Task CreateAsync(ApiRequest request)
    {
        var resource = request.Resource;
        var obj = await ReadObjectAsync(request).ConfigureAwait(false);
        CheckScope(request, obj);
        var result = await registry.CreateAsync(resource, request.Tenant, request.Namespace, obj, request.DryRun, request.Aborted).ConfigureAwait(false);
        if (resource.Plural == "tenants" && !request.DryRun && TenantCreated is { } onTenant)
        {
            await onTenant(result.Object.Metadata.Name!).ConfigureAwait(false);
        }

        await ApiResponse.WriteJsonAsync(request.Http.Response, 201, result.Json, request.Aborted).ConfigureAwait(false);
    }

    private async Task UpdateAsync(ApiRequest request, string? subresource)
    {
        var desired = await ReadObjectAsync(request).ConfigureAwait(false);
        CheckScope(request, desired);
        // The update rules stamp the current resourceVersion into the returned object; a retry (concurrent write,
        // stale cached copy) must see the body's own precondition again, not the previous attempt's.
        var precondition = desired.Metadata.ResourceVersion;
        var result = await registry.UpdateAsync(request.Resource, request.Tenant, request.Namespace, request.Name!, subresource, _ =>
        {
            desired.Metadata.ResourceVersion = precondition;
            return desired;
        }, request.DryRun, request.Aborted).ConfigureAwait(false);
        await ApiResponse.WriteJsonAsync(request.Http.Response, 200, result.Json, request.Aborted).ConfigureAwait(false);
    }

    private async Task PatchAsync(ApiRequest request, string? subresource)
    {
        var resource = request.Resource;
        var mediaType = RequestBody.MediaType(request.Http.Request);
        if (mediaType == "application/apply-patch+yaml")
        {
            throw new ApiException(System.Net.HttpStatusCode.UnsupportedMediaType, "UnsupportedMediaType", "server-side apply is not supported yet: use client-side kubectl apply (without --server-side)");
        }

        var body = await RequestBody.ReadBytesAsync(request.Http.Request, request.Aborted).ConfigureAwait(false);
        var patch = mediaType switch
        {
            "application/json-patch+json" or "application/merge-patch+json" or "application/strategic-merge-patch+json" => RequestBody.Decode(body, "application/json"),
            _ => throw ApiErrors.UnsupportedMediaType(mediaType),
        };
        var objectPatch = new ObjectPatch(mediaType, patch, request.Query("fieldValidation"), field => WarnUnknownField(request, field));
        var result = await registry.PatchAsync(resource, request.Tenant, request.Namespace, request.Name!, subresource, objectPatch, request.DryRun, request.Aborted).ConfigureAwait(false);
        await ApiResponse.WriteJsonAsync(request.Http.Response, 200, result.Json, request.Aborted).ConfigureAwait(false);
    }

    private async Task DeleteAsync(ApiRequest request)
    {
        var options = await ReadDeleteOptionsAsync(request).ConfigureAwait(false);
        var dryRun = request.DryRun || options.DryRun?.Contains("All") == true;
        var result = await registry.DeleteAsync(request.Resource, request.Tenant, request.Namespace, request.Name!, options, dryRun, request.Aborted).ConfigureAwait(false);
        await ApiResponse.WriteJsonAsync(request.Http.Response, 200, result.Json, request.Aborted).ConfigureAwait(false);
    }

    private async Task DeleteCollectionAsync(ApiRequest request)
    {
        var options = await ReadDeleteOptionsAsync(request).ConfigureAwait(false);
        var dryRun = request.DryRun || options.DryRun?.Contains("All") == true;
        var cache = CacheOf(request);
        await cache.Ready.WaitAsync(request.Aborted).ConfigureAwait(false);
        var (items, _) = cache.List(BuildFilter(request), Storage.StorageKeys.ListPrefix(request.Resource, request.Tenant, request.Namespace));
        var deleted = new List<Caching.CachedObject>();
        foreach (var item in items)
        {
            try
            {
                var result = await registry.DeleteAsync(request.Resource, item.Tenant, item.Namespace, item.Name, options, dryRun, request.Aborted).ConfigureAwait(false);
                deleted.Add(cache.Attributes.ToCached(item.Key, result.Json, item.Revision));
            }
            catch (ApiException e) when (e.Code == System.Net.HttpStatusCode.NotFound)
            {
                // Deleted by someone else meanwhile: the goal holds.
            }
        }

        await ListWriter.WriteListAsync(request.Http.Response, request.Resource, deleted, await registry.Store.GetCurrentRevisionAsync(request.Aborted).ConfigureAwait(false), null, null, request.Aborted).ConfigureAwait(false);
    }

    private static async Task<DeleteOptions> ReadDeleteOptionsAsync(ApiRequest request)
    {
        var options = new DeleteOptions();
        var body = await RequestBody.ReadBytesAsync(request.Http.Request, request.Aborted).ConfigureAwait(false);
        if (body.Length > 0)
        {
            try
            {
                var mediaType = RequestBody.MediaType(request.Http.Request);
                var node = mediaType == KubernetesProtobuf.MediaType ? RequestBody.DecodeProtobuf(body) : RequestBody.Decode(body, mediaType);
                options = JsonSerializer.Deserialize(node, UrsaJsonContext.Default.DeleteOptions) ?? options;
            }
            catch (JsonException e)
            {
                throw ApiErrors.BadRequest($"invalid delete options: {e.Message}");
            }
        }

        if (request.Query("gracePeriodSeconds") is { } grace)
        {
            options.GracePeriodSeconds = long.TryParse(grace, out var g) ? g : throw ApiErrors.BadRequest($"invalid gracePeriodSeconds \"{grace}\"");
        }

        if (request.Query("propagationPolicy") is { } policy)
        {
            options.PropagationPolicy = policy;
        }

        return options;
    }

    private async Task<KubeObject> ReadObjectAsync(ApiRequest request)
    {
        var mediaType = RequestBody.MediaType(request.Http.Request);
        if (mediaType is not ("application/json" or "application/yaml" or "application/x-yaml" or "text/yaml" or "*/*" or KubernetesProtobuf.MediaType))
        {
            throw ApiErrors.UnsupportedMediaType(mediaType);
        }

        var body = await RequestBody.ReadBytesAsync(request.Http.Request, request.Aborted).ConfigureAwait(false);
        if (mediaType == KubernetesProtobuf.MediaType)
        {
            // kubectl's typed clients (create namespace/deployment/job, ...) send Kubernetes protobuf.
            body = JsonSerializer.SerializeToUtf8Bytes(RequestBody.DecodeProtobuf(body));
        }
        else if (mediaType is not ("application/json" or "*/*"))
        {
            body = JsonSerializer.SerializeToUtf8Bytes(RequestBody.Decode(body, mediaType));
        }
        else if (body.Length == 0)
        {
            throw ApiErrors.BadRequest("the request body is empty");
        }

        return DecodeObject(request, body, request.Query("fieldValidation"));
    }

    private static KubeObject DecodeObject(ApiRequest request, byte[] json, string? fieldValidation) =>
        ObjectDecoder.Decode(request.Resource, json, fieldValidation, field => WarnUnknownField(request, field));

    private static void WarnUnknownField(ApiRequest request, string field) =>
        request.Http.Response.Headers.Append("Warning", $"299 - \"unknown field \\\"{field}\\\"\"");

    /// <summary>The object's namespace and tenant, when given, must be those of the request.</summary>
    private static void CheckScope(ApiRequest request, KubeObject obj)
    {
        var meta = obj.Metadata;
        if (request.Resource.IsNamespaced && !string.IsNullOrEmpty(meta.Namespace) && meta.Namespace != request.Namespace)
        {
            throw ApiErrors.BadRequest("the namespace of the provided object does not match the namespace sent on the request");
        }

        if (request.Resource.Scope != ResourceScope.Cluster && !string.IsNullOrEmpty(meta.Tenant) && meta.Tenant != request.Tenant)
        {
            throw ApiErrors.BadRequest("the tenant of the provided object does not match the tenant sent on the request");
        }

        if (request.Name is { } name && !string.IsNullOrEmpty(meta.Name) && meta.Name != name)
        {
            throw ApiErrors.BadRequest($"the name of the object ({meta.Name}) does not match the name on the URL ({name})");
        }
    }
}
