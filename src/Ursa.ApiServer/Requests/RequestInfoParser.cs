namespace Ursa.ApiServer.Requests;

/// <summary>
/// Turns a method and path into a <see cref="RequestInfo"/> (Kubernetes' RequestInfoFactory plus Arktos' tenant
/// segments). Pure; table-tested. Accepted resource paths, after an optional <c>/tenants/{t}</c> server prefix:
/// <code>
/// /api/v1[/tenants/{t}][/namespaces/{ns}]/{resource}[/{name}[/{subresource}]]
/// /apis/{group}/{version}[/tenants/{t}][/namespaces/{ns}]/{resource}[/{name}[/{subresource}]]
/// </code>
/// <c>/api/v1/tenants/{name}[/status]</c> addresses the Tenant object itself, and
/// <c>/api/v1/[tenants/{t}/]namespaces/{name}[/status|finalize]</c> a Namespace.
/// </summary>
public static class RequestInfoParser
{
    private static readonly HashSet<string> TenantSubresources = ["status", "finalize"];
    private static readonly HashSet<string> NamespaceSubresources = ["status", "finalize"];

    /// <summary>Parses a request.</summary>
    public static RequestInfo Parse(string method, string path, bool watchParameter)
    {
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        string? prefixTenant = null;
        var start = 0;
        if (segments.Length >= 2 && segments[0] == "tenants")
        {
            prefixTenant = segments[1];
            start = 2;
        }

        var rest = segments.AsSpan(start);
        var strippedPath = "/" + string.Join('/', rest.ToArray());
        var info = new RequestInfo { Path = strippedPath, Tenant = prefixTenant };
        if (rest.Length < 2)
        {
            return info;
        }

        string group;
        string version;
        if (rest[0] == "api")
        {
            group = string.Empty;
            version = rest[1];
            rest = rest[2..];
        }
        else if (rest[0] == "apis" && rest.Length >= 3)
        {
            group = rest[1];
            version = rest[2];
            rest = rest[3..];
        }
        else
        {
            return info;
        }

        if (rest.Length == 0)
        {
            return info;
        }

        var tenant = prefixTenant;
        string? ns = null;

        // tenants/{t} is the Tenant object itself when nothing or a tenant subresource follows.
        if (rest[0] == "tenants" && rest.Length >= 3 && !(rest.Length == 3 && TenantSubresources.Contains(rest[2])))
        {
            tenant = rest[1];
            rest = rest[2..];
        }

        if (rest[0] == "namespaces" && rest.Length >= 3 && !(rest.Length == 3 && NamespaceSubresources.Contains(rest[2])))
        {
            ns = rest[1];
            rest = rest[2..];
        }

        if (rest.Length > 3)
        {
            return info;
        }

        var resource = rest[0];
        var name = rest.Length > 1 ? rest[1] : null;
        var subresource = rest.Length > 2 ? rest[2] : null;
        var verb = method.ToUpperInvariant() switch
        {
            "GET" or "HEAD" => name is null ? (watchParameter ? RequestVerb.Watch : RequestVerb.List) : (watchParameter ? RequestVerb.Watch : RequestVerb.Get),
            "POST" => RequestVerb.Create,
            "PUT" => RequestVerb.Update,
            "PATCH" => RequestVerb.Patch,
            "DELETE" => name is null ? RequestVerb.DeleteCollection : RequestVerb.Delete,
            _ => RequestVerb.Get,
        };

        return info with
        {
            IsResourceRequest = true,
            Tenant = tenant,
            Group = group,
            Version = version,
            Namespace = ns,
            Resource = resource,
            Name = name,
            Subresource = subresource,
            Verb = verb,
        };
    }
}
