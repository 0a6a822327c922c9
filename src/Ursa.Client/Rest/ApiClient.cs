using System.Net;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Ursa.Api.Meta;
using Ursa.Api.Serialization;
using Ursa.Client.Connection;

namespace Ursa.Client.Rest;

/// <summary>
/// <see cref="IApiClient"/> over HTTPS: HTTP/2 to the API server (many concurrent requests and watches share
/// one connection), the cluster CA as the only trust root, a bearer token.
/// </summary>
public sealed partial class ApiClient : IApiClient, IDisposable
{
    private readonly HttpClient _http;
    private readonly string _prefix;

    public ApiClient(ClusterConnection connection)
    {
        var handler = ClusterTrust.CreateHandler(connection.CertificateAuthorityPem);
        handler.EnableMultipleHttp2Connections = true;
        handler.PooledConnectionLifetime = Timeout.InfiniteTimeSpan;
        _http = new HttpClient(handler)
        {
            BaseAddress = new Uri(connection.Server.GetLeftPart(UriPartial.Authority)),
            DefaultRequestVersion = HttpVersion.Version20,
            DefaultVersionPolicy = HttpVersionPolicy.RequestVersionOrLower,
            Timeout = Timeout.InfiniteTimeSpan,
        };
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", connection.Token);
        _prefix = connection.Server.AbsolutePath.TrimEnd('/');
    }

    public async Task<T> GetAsync<T>(ResourceRef resource, string? tenant, string? ns, string name, CancellationToken cancellationToken)
        where T : KubeObject
    {
        using var response = await SendAsync(HttpMethod.Get, resource.PathOf(tenant, ns, name), null, null, cancellationToken).ConfigureAwait(false);
        return await ReadObjectAsync<T>(response, cancellationToken).ConfigureAwait(false);
    }

    public async Task<ObjectList<T>> ListAsync<T>(ResourceRef resource, ListOptions options, CancellationToken cancellationToken)
        where T : KubeObject
    {
        using var response = await SendAsync(HttpMethod.Get, resource.PathOf(options.Tenant, options.Namespace) + options.Query(watch: false), null, null, cancellationToken).ConfigureAwait(false);
        var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        return ObjectListDecoder.Decode(bytes, TypeInfo<T>());
    }

    public async Task<T> CreateAsync<T>(ResourceRef resource, T obj, CancellationToken cancellationToken)
        where T : KubeObject
    {
        var path = resource.PathOf(obj.Metadata.Tenant, obj.Metadata.Namespace);
        using var response = await SendAsync(HttpMethod.Post, path, Serialize(obj), "application/json", cancellationToken).ConfigureAwait(false);
        return await ReadObjectAsync<T>(response, cancellationToken).ConfigureAwait(false);
    }

    public async Task<T> UpdateAsync<T>(ResourceRef resource, T obj, string? subresource, CancellationToken cancellationToken)
        where T : KubeObject
    {
        var path = resource.PathOf(obj.Metadata.Tenant, obj.Metadata.Namespace, obj.Metadata.Name, subresource);
        using var response = await SendAsync(HttpMethod.Put, path, Serialize(obj), "application/json", cancellationToken).ConfigureAwait(false);
        return await ReadObjectAsync<T>(response, cancellationToken).ConfigureAwait(false);
    }

    public async Task<T> PatchAsync<T>(ResourceRef resource, string? tenant, string? ns, string name, PatchType type, string patch, string? subresource, CancellationToken cancellationToken)
        where T : KubeObject
    {
        using var response = await SendAsync(HttpMethod.Patch, resource.PathOf(tenant, ns, name, subresource), Encoding.UTF8.GetBytes(patch), MediaTypeOf(type), cancellationToken).ConfigureAwait(false);
        return await ReadObjectAsync<T>(response, cancellationToken).ConfigureAwait(false);
    }

    public async Task DeleteAsync(ResourceRef resource, string? tenant, string? ns, string name, DeleteOptions? options, CancellationToken cancellationToken)
    {
        var body = options is null ? null : JsonSerializer.SerializeToUtf8Bytes(options, UrsaJsonContext.Default.DeleteOptions);
        using var response = await SendAsync(HttpMethod.Delete, resource.PathOf(tenant, ns, name), body, body is null ? null : "application/json", cancellationToken).ConfigureAwait(false);
    }

    public async Task<string> PostSubresourceAsync(ResourceRef resource, string? tenant, string? ns, string name, string subresource, string json, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(HttpMethod.Post, resource.PathOf(tenant, ns, name, subresource), Encoding.UTF8.GetBytes(json), "application/json", cancellationToken).ConfigureAwait(false);
        return await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
    }

    public async IAsyncEnumerable<ObjectEvent<T>> WatchAsync<T>(ResourceRef resource, ListOptions options, [EnumeratorCancellation] CancellationToken cancellationToken)
        where T : KubeObject
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, _prefix + resource.PathOf(options.Tenant, options.Namespace) + options.Query(watch: true));
        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        await EnsureSuccessAsync(response, cancellationToken).ConfigureAwait(false);
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        using var lines = new WatchLineReader(stream);
        var info = TypeInfo<T>();
        while (await lines.ReadLineAsync(cancellationToken).ConfigureAwait(false))
        {
            if (lines.Current.Length == 0)
            {
                continue;
            }

            yield return WatchEventDecoder.Decode(lines.Current.Span, info);
        }
    }

    public void Dispose() => _http.Dispose();

    private static JsonTypeInfo<T> TypeInfo<T>() =>
        (JsonTypeInfo<T>)(UrsaJsonContext.Default.GetTypeInfo(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T)} is not an API type"));

    private static byte[] Serialize<T>(T obj) => JsonSerializer.SerializeToUtf8Bytes(obj, TypeInfo<T>());

    private static string MediaTypeOf(PatchType type) => type switch
    {
        PatchType.Json => "application/json-patch+json",
        PatchType.StrategicMerge => "application/strategic-merge-patch+json",
        _ => "application/merge-patch+json",
    };

    /// <summary>A request body of <paramref name="mediaType"/>, sent as the bytes given.</summary>
    private static ReadOnlyMemoryContent Content(ReadOnlyMemory<byte> body, string mediaType)
    {
        var content = new ReadOnlyMemoryContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue(mediaType);
        return content;
    }

    private Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, byte[]? body, string? mediaType, CancellationToken cancellationToken) =>
        SendAsync(method, path, body is null ? null : Content(body, mediaType ?? "application/json"), cancellationToken);

    /// <summary>Sends the request (taking ownership of <paramref name="content"/>) and throws what the server reports as an error.</summary>
    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, HttpContent? content, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, _prefix + path) { Content = content };
        var response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        try
        {
            await EnsureSuccessAsync(response, cancellationToken).ConfigureAwait(false);
            return response;
        }
        catch
        {
            response.Dispose();
            throw;
        }
    }

    private static async Task<T> ReadObjectAsync<T>(HttpResponseMessage response, CancellationToken cancellationToken)
        where T : KubeObject
    {
        var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        return JsonSerializer.Deserialize(bytes, TypeInfo<T>()) ?? throw new InvalidDataException("the server returned null");
    }

    private static async Task EnsureSuccessAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode)
        {
            return;
        }

        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        var reason = response.ReasonPhrase ?? "Unknown";
        var message = text;
        try
        {
            var status = JsonSerializer.Deserialize(text, UrsaJsonContext.Default.Status);
            reason = status?.Reason ?? reason;
            message = status?.Message ?? text;
        }
        catch (JsonException)
        {
        }

        throw new ApiStatusException(response.StatusCode, reason, message);
    }
}
