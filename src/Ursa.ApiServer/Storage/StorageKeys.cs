using Ursa.ApiServer.Resources;

namespace Ursa.ApiServer.Storage;

/// <summary>
/// Object → key, the one place that knows the layout (Arktos'):
/// <code>
/// namespaced:  /registry/{plural}/{tenant}/{namespace}/{name}
/// per tenant:  /registry/{plural}/{tenant}/{name}
/// cluster:     /registry/{plural}/{name}
/// </code>
/// Names cannot contain '/', so prefixes up to a trailing '/' select exactly one scope.
/// </summary>
public static class StorageKeys
{
    public static string ObjectKey(ResourceDefinition resource, string? tenant, string? ns, string name) => resource.Scope switch
    {
        ResourceScope.Cluster => resource.KeyPrefix + name,
        ResourceScope.Tenant => $"{resource.KeyPrefix}{tenant}/{name}",
        _ => $"{resource.KeyPrefix}{tenant}/{ns}/{name}",
    };

    /// <summary>The prefix of a list: every object, a tenant's, or one namespace's.</summary>
    public static string ListPrefix(ResourceDefinition resource, string? tenant, string? ns)
    {
        if (resource.Scope == ResourceScope.Cluster || tenant is null)
        {
            return resource.KeyPrefix;
        }

        if (resource.Scope == ResourceScope.Tenant || ns is null)
        {
            return $"{resource.KeyPrefix}{tenant}/";
        }

        return $"{resource.KeyPrefix}{tenant}/{ns}/";
    }

    /// <summary>Splits a key into tenant, namespace and name (null where the scope has none).</summary>
    public static (string? Tenant, string? Namespace, string Name) Parse(ResourceDefinition resource, string key)
    {
        var rest = key.AsSpan(resource.KeyPrefix.Length);
        switch (resource.Scope)
        {
            case ResourceScope.Cluster:
                return (null, null, rest.ToString());
            case ResourceScope.Tenant:
                {
                    var slash = rest.IndexOf('/');
                    return (rest[..slash].ToString(), null, rest[(slash + 1)..].ToString());
                }

            default:
                {
                    var first = rest.IndexOf('/');
                    var tenant = rest[..first].ToString();
                    rest = rest[(first + 1)..];
                    var second = rest.IndexOf('/');
                    return (tenant, rest[..second].ToString(), rest[(second + 1)..].ToString());
                }
        }
    }
}
