using Ursa.Api.Meta;

namespace Ursa.Client.Informers;

/// <summary>The key controllers queue: <c>tenant/namespace/name</c> (empty parts for cluster or tenant scope).</summary>
public static class ObjectKeys
{
    public static string Of(KubeObject obj) => Of(obj.Metadata.Tenant, obj.Metadata.Namespace, obj.Metadata.Name ?? string.Empty);

    public static string Of(string? tenant, string? ns, string name) => $"{tenant}/{ns}/{name}";

    /// <summary>The key of a cluster-scoped object (a node, a tenant): the API server stores those with no tenant and
    /// no namespace, so the name alone is enough to find one in an informer.</summary>
    public static string OfClusterScoped(string name) => Of(null, null, name);

    public static (string? Tenant, string? Namespace, string Name) Split(string key)
    {
        var parts = key.Split('/', 3);
        return (parts[0].Length == 0 ? null : parts[0], parts[1].Length == 0 ? null : parts[1], parts[2]);
    }
}
