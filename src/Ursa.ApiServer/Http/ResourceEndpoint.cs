using Microsoft.Extensions.Logging;
using Ursa.ApiServer.Caching;
using Ursa.ApiServer.Errors;
using Ursa.ApiServer.Proxy;
using Ursa.ApiServer.Registry;
using Ursa.ApiServer.Requests;
using Ursa.ApiServer.Resources;

namespace Ursa.ApiServer.Http;

/// <summary>Serves the verbs of every resource: reads from the watch cache, writes through the registry.</summary>
public sealed partial class ResourceEndpoint(
    ObjectRegistry registry,
    IReadOnlyDictionary<ResourceDefinition, WatchCache> caches,
    TimeProvider time,
    ILogger<ResourceEndpoint> logger)
{
    /// <summary>How long a consistent list waits for the cache to catch up with the store before reading the store.</summary>
    public static readonly TimeSpan CacheCatchUpTimeout = TimeSpan.FromSeconds(3);

    /// <summary>Called after a Tenant is created, to give it its default namespaces.</summary>
    public Func<string, Task>? TenantCreated { get; set; }

    /// <summary>Reaches node agents for pods' logs, exec and attach; without it those answer 503.</summary>
    public NodeStreamProxy? NodeStreams { get; set; }

    public Task HandleAsync(ApiRequest request)
    {
        if (request.Info.Subresource is { } subresource)
        {
            return HandleSubresourceAsync(request, subresource);
        }

        if (request.Resource.IsNamespaced && request.Namespace is null && request.Info.Verb is not (RequestVerb.List or RequestVerb.Watch))
        {
            if (request.Info.Verb != RequestVerb.Create || request.Name is not null)
            {
                throw ApiErrors.UnknownResource(request.Info.Path);
            }
        }

        return request.Info.Verb switch
        {
            RequestVerb.Get => GetAsync(request),
            RequestVerb.List => ListAsync(request),
            RequestVerb.Watch => WatchAsync(request),
            RequestVerb.Create when request.Name is null => CreateAsync(request),
            RequestVerb.Update when request.Name is not null => UpdateAsync(request, subresource: null),
            RequestVerb.Patch when request.Name is not null => PatchAsync(request, subresource: null),
            RequestVerb.Delete => DeleteAsync(request),
            RequestVerb.DeleteCollection => DeleteCollectionAsync(request),
            _ => throw ApiErrors.MethodNotAllowed($"{request.Http.Request.Method} is not supported on {request.Info.Path}"),
        };
    }

    private WatchCache CacheOf(ApiRequest request) => caches[request.Resource];
}
