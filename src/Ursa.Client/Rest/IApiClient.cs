using Ursa.Api.Meta;

namespace Ursa.Client.Rest;

/// <summary>
/// The API operations components use. Implementations are thread-safe; every call can be cancelled. Failures
/// the server reports arrive as <see cref="ApiStatusException"/>.
/// </summary>
public interface IApiClient
{
    Task<T> GetAsync<T>(ResourceRef resource, string? tenant, string? ns, string name, CancellationToken cancellationToken)
        where T : KubeObject;

    Task<ObjectList<T>> ListAsync<T>(ResourceRef resource, ListOptions options, CancellationToken cancellationToken)
        where T : KubeObject;

    Task<T> CreateAsync<T>(ResourceRef resource, T obj, CancellationToken cancellationToken)
        where T : KubeObject;

    /// <summary>PUT of the whole object (or of its status with <paramref name="subresource"/> "status").</summary>
    Task<T> UpdateAsync<T>(ResourceRef resource, T obj, string? subresource, CancellationToken cancellationToken)
        where T : KubeObject;

    Task<T> PatchAsync<T>(ResourceRef resource, string? tenant, string? ns, string name, PatchType type, string patch, string? subresource, CancellationToken cancellationToken)
        where T : KubeObject;

    Task DeleteAsync(ResourceRef resource, string? tenant, string? ns, string name, DeleteOptions? options, CancellationToken cancellationToken);

    /// <summary>Streams changes until cancelled, the server ends the stream, or it reports an error (thrown).</summary>
    IAsyncEnumerable<ObjectEvent<T>> WatchAsync<T>(ResourceRef resource, ListOptions options, CancellationToken cancellationToken)
        where T : KubeObject;

    /// <summary>A POST to a subresource (pods/binding, pods/action); returns the response body (JSON).</summary>
    Task<string> PostSubresourceAsync(ResourceRef resource, string? tenant, string? ns, string name, string subresource, string json, CancellationToken cancellationToken);
}
