using System.Net;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Ursa.ApiServer.Auth;
using Ursa.ApiServer.Discovery;
using Ursa.ApiServer.Errors;
using Ursa.ApiServer.Http;
using Ursa.ApiServer.OpenApi;
using Ursa.ApiServer.Requests;
using Ursa.ApiServer.Resources;
using Ursa.ApiServer.Resources.Strategies;
using Ursa.Storage;

namespace Ursa.ApiServer.Hosting;

/// <summary>
/// The request pipeline: route → authenticate → resolve tenant → authorize → serve, with every failure turned
/// into a Status response.
/// </summary>
public sealed partial class ApiDispatcher(
    ResourceCatalog catalog,
    ResourceEndpoint endpoint,
    ITokenAuthenticator authenticator,
    DiscoveryDocuments discovery,
    OpenApiDocuments openApi,
    string versionJson,
    ILogger<ApiDispatcher> logger)
{
    public async Task HandleAsync(HttpContext context)
    {
        try
        {
            await DispatchAsync(context).ConfigureAwait(false);
        }
        catch (ApiException e)
        {
            await WriteFailureAsync(context, e).ConfigureAwait(false);
        }
        catch (StoreUnavailableException e)
        {
            await WriteFailureAsync(context, ApiErrors.Unavailable($"storage is unavailable: {e.Message}")).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away.
        }
        catch (Exception e)
        {
            Log.Unhandled(logger, context.Request.Method, context.Request.Path, e);
            await WriteFailureAsync(context, new ApiException(HttpStatusCode.InternalServerError, "InternalError", $"Internal error occurred: {e.Message}")).ConfigureAwait(false);
        }
    }

    private static async Task WriteFailureAsync(HttpContext context, ApiException e)
    {
        if (context.Response.HasStarted)
        {
            context.Abort();
            return;
        }

        context.Response.Headers.Remove("Warning");
        await ApiResponse.WriteErrorAsync(context.Response, e, context.RequestAborted).ConfigureAwait(false);
    }

    private async Task DispatchAsync(HttpContext context)
    {
        var request = context.Request;
        var watch = request.Query.TryGetValue("watch", out var w) && w.ToString() is "true" or "1";
        var info = RequestInfoParser.Parse(request.Method, request.Path.Value ?? "/", watch);
        switch (info.Path)
        {
            case "/version":
                await WriteTextAsync(context, versionJson, MediaTypes.Json).ConfigureAwait(false);
                return;
            case "/healthz" or "/livez" or "/readyz":
                await WriteTextAsync(context, "ok", MediaTypes.Text).ConfigureAwait(false);
                return;
        }

        var user = Authenticate(request);
        if (info.Path == "/debug/memory")
        {
            await WriteTextAsync(context, MemoryReport(user), MediaTypes.Json).ConfigureAwait(false);
            return;
        }

        if (BindingBatch.Addresses(info))
        {
            await endpoint.BindBatchAsync(context, info, user, catalog.Get(string.Empty, "pods")).ConfigureAwait(false);
            return;
        }

        if (!info.IsResourceRequest)
        {
            await ServeNonResourceAsync(context, info).ConfigureAwait(false);
            return;
        }

        var resource = catalog.Find(info.Group, info.Version, info.Resource) ?? throw ApiErrors.UnknownResource(info.Path);
        var tenant = ResolveTenant(info, user, resource);
        TenantAuthorizer.Authorize(user, info, resource, tenant ?? (user.IsSystem ? null : user.Tenant));
        await endpoint.HandleAsync(new ApiRequest { Http = context, Info = info, User = user, Resource = resource, Tenant = tenant }).ConfigureAwait(false);
    }

    private UserInfo Authenticate(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        if (header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) && authenticator.Authenticate(header[7..].Trim()) is { } user)
        {
            return user;
        }

        throw ApiErrors.Unauthorized();
    }

    /// <summary>
    /// The tenant a request addresses: from the path (or server prefix), else the caller's own. "all" means every
    /// tenant, for the system tenant's lists and watches.
    /// </summary>
    private static string? ResolveTenant(RequestInfo info, UserInfo user, ResourceDefinition resource)
    {
        if (resource.Scope == ResourceScope.Cluster)
        {
            return null;
        }

        var tenant = info.Tenant ?? user.Tenant;
        if (tenant != TenantStrategy.AllTenants)
        {
            return tenant;
        }

        if (info.Verb is not (RequestVerb.List or RequestVerb.Watch))
        {
            throw ApiErrors.BadRequest("tenant \"all\" may only be listed or watched");
        }

        if (!user.IsSystem)
        {
            throw ApiErrors.Forbidden(user.Name, info.Verb.ToString().ToLowerInvariant(), resource, tenant, "only the system tenant may list every tenant");
        }

        return null;
    }

    private async Task ServeNonResourceAsync(HttpContext context, RequestInfo info)
    {
        var accept = context.Request.Headers.Accept.ToString();
        var path = info.Path.TrimEnd('/');
        if (path is "/api" or "/apis" && AggregatedVersion(accept) is { } aggregated)
        {
            var body = discovery.Aggregated(path == "/api", $"apidiscovery.k8s.io/{aggregated}");
            await WriteTextAsync(context, body, $"application/json;g=apidiscovery.k8s.io;v={aggregated};as=APIGroupDiscoveryList").ConfigureAwait(false);
            return;
        }

        if (path is "/openapi/v2" or "/swagger-2.0.0.pb-v1" && accept.Contains("protobuf", StringComparison.Ordinal))
        {
            // Answer with the dotted media type kube-openapi uses; kubectl 1.27 rejects the '@' form it sends in Accept.
            context.Response.StatusCode = 200;
            context.Response.ContentType = ApiMachinery.OpenApi.OpenApiV2Protobuf.ContentType;
            context.Response.ContentLength = openApi.SwaggerProtobuf.Length;
            await context.Response.Body.WriteAsync(openApi.SwaggerProtobuf, context.RequestAborted).ConfigureAwait(false);
            return;
        }

        var document = path switch
        {
            "/api" => discovery.CoreVersions,
            "/apis" => discovery.GroupList,
            "/openapi/v3" => openApi.Index(),
            "/openapi/v2" => openApi.SwaggerJson,
            _ when path.StartsWith("/openapi/v3/", StringComparison.Ordinal) => openApi.Document(path["/openapi/v3/".Length..]),
            _ when path.StartsWith("/api/", StringComparison.Ordinal) => discovery.ResourceList(string.Empty, path["/api/".Length..]),
            _ when path.StartsWith("/apis/", StringComparison.Ordinal) && path.Split('/') is { Length: 3 } parts => discovery.GroupDocument(parts[2]),
            _ when path.StartsWith("/apis/", StringComparison.Ordinal) && path.Split('/') is { Length: 4 } parts => discovery.ResourceList(parts[2], parts[3]),
            _ => null,
        };
        if (document is null)
        {
            throw ApiErrors.UnknownResource(info.Path);
        }

        await WriteTextAsync(context, document, MediaTypes.Json).ConfigureAwait(false);
    }

    /// <summary>
    /// Memory after a full compacting collection (the API server's /debug endpoints are for the system tenant):
    /// what benchmarks use to measure bytes per stored object.
    /// </summary>
    private static string MemoryReport(UserInfo user)
    {
        if (!user.IsSystem)
        {
            throw new ApiException(HttpStatusCode.Forbidden, "Forbidden", "/debug is for the system tenant");
        }

        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        using var process = System.Diagnostics.Process.GetCurrentProcess();
        return $$"""{"managedHeapBytes":{{GC.GetTotalMemory(false)}},"residentBytes":{{process.WorkingSet64}}}""";
    }

    /// <summary>The aggregated discovery version the client accepts (v2 preferred), or null for the legacy form.</summary>
    private static string? AggregatedVersion(string accept)
    {
        if (!accept.Contains("as=APIGroupDiscoveryList", StringComparison.Ordinal))
        {
            return null;
        }

        return accept.Contains("v=v2;", StringComparison.Ordinal) || accept.Contains("v=v2,", StringComparison.Ordinal) || accept.EndsWith("v=v2", StringComparison.Ordinal)
            ? "v2"
            : accept.Contains("v=v2beta1", StringComparison.Ordinal) ? "v2beta1" : null;
    }

    private static Task WriteTextAsync(HttpContext context, string body, string contentType)
    {
        context.Response.StatusCode = 200;
        context.Response.ContentType = contentType;
        var bytes = Encoding.UTF8.GetBytes(body);
        context.Response.ContentLength = bytes.Length;
        return context.Response.Body.WriteAsync(bytes, context.RequestAborted).AsTask();
    }

    private static partial class Log
    {
        [LoggerMessage(20, LogLevel.Error, "Unhandled error serving {Method} {Path}")]
        public static partial void Unhandled(ILogger logger, string method, string? path, Exception exception);
    }
}
