namespace Ursa.Client.Rest;

public sealed partial class ApiClient : IResultlessWriteClient
{
    public async Task CreateAsync(ResourceRef resource, string? tenant, string? ns, ReadOnlyMemory<byte> json, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(HttpMethod.Post, resource.PathOf(tenant, ns), Content(json, "application/json"), cancellationToken).ConfigureAwait(false);
    }

    public async Task PatchAsync(ResourceRef resource, string? tenant, string? ns, string name, PatchType type, ReadOnlyMemory<byte> patch, string? subresource, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(HttpMethod.Patch, resource.PathOf(tenant, ns, name, subresource), Content(patch, MediaTypeOf(type)), cancellationToken).ConfigureAwait(false);
    }
}
