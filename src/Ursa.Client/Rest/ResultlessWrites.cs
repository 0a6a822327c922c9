using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Ursa.Api.Meta;

namespace Ursa.Client.Rest;

/// <summary>
/// Writes whose caller does not use the object the server returns: sent through <see cref="IResultlessWriteClient"/>
/// when the client has it (the reply is checked, not decoded), otherwise as the typed write with its result dropped.
/// </summary>
public static class ResultlessWrites
{
    /// <summary>Creates <paramref name="obj"/> in its own tenant and namespace.</summary>
    public static Task CreateWithoutResultAsync<T>(this IApiClient client, ResourceRef resource, T obj, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken)
        where T : KubeObject =>
        client is IResultlessWriteClient writes
            ? writes.CreateAsync(resource, obj.Metadata.Tenant, obj.Metadata.Namespace, JsonSerializer.SerializeToUtf8Bytes(obj, typeInfo), cancellationToken)
            : client.CreateAsync(resource, obj, cancellationToken);

    /// <summary>Patches the object (or its <paramref name="subresource"/>) with a UTF-8 patch document.</summary>
    public static Task PatchWithoutResultAsync<T>(this IApiClient client, ResourceRef resource, string? tenant, string? ns, string name, PatchType type, byte[] patch, string? subresource, CancellationToken cancellationToken)
        where T : KubeObject =>
        client is IResultlessWriteClient writes
            ? writes.PatchAsync(resource, tenant, ns, name, type, patch, subresource, cancellationToken)
            : client.PatchAsync<T>(resource, tenant, ns, name, type, Encoding.UTF8.GetString(patch), subresource, cancellationToken);
}
