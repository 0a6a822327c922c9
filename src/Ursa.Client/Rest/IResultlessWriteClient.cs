namespace Ursa.Client.Rest;

/// <summary>
/// An optional capability of a client (discovered with <c>is</c>): writes whose caller does not use the object the
/// server returns. The body goes out as the UTF-8 JSON given, and the response is checked for errors but not
/// decoded — a hollow node's status report and a Scheduled event would otherwise each decode a whole object per
/// bound pod only to drop it. Failures arrive as <see cref="ApiStatusException"/>, as with <see cref="IApiClient"/>.
/// </summary>
public interface IResultlessWriteClient
{
    /// <summary>POST of a new object (<paramref name="json"/>) into <paramref name="tenant"/>/<paramref name="ns"/>.</summary>
    Task CreateAsync(ResourceRef resource, string? tenant, string? ns, ReadOnlyMemory<byte> json, CancellationToken cancellationToken);

    /// <summary>PATCH of the object (or of <paramref name="subresource"/>, e.g. "status") with a UTF-8 patch document.</summary>
    Task PatchAsync(ResourceRef resource, string? tenant, string? ns, string name, PatchType type, ReadOnlyMemory<byte> patch, string? subresource, CancellationToken cancellationToken);
}
