namespace Ursa.Client.Rest;

/// <summary>Which resource a request addresses: group, version, plural name and whether it is namespaced.</summary>
public sealed record ResourceRef(string Group, string Version, string Plural, bool Namespaced)
{
    public static readonly ResourceRef Pods = new(string.Empty, "v1", "pods", true);
    public static readonly ResourceRef Nodes = new(string.Empty, "v1", "nodes", false);
    public static readonly ResourceRef Namespaces = new(string.Empty, "v1", "namespaces", false);
    public static readonly ResourceRef Tenants = new(string.Empty, "v1", "tenants", false);
    public static readonly ResourceRef Events = new(string.Empty, "v1", "events", true);
    public static readonly ResourceRef Actions = new(string.Empty, "v1", "actions", true);
    public static readonly ResourceRef Leases = new("coordination.k8s.io", "v1", "leases", true);
    public static readonly ResourceRef ReplicaSets = new("apps", "v1", "replicasets", true);
    public static readonly ResourceRef Deployments = new("apps", "v1", "deployments", true);
    public static readonly ResourceRef Jobs = new("batch", "v1", "jobs", true);

    /// <summary>
    /// The path of a collection or object. <paramref name="tenant"/> "all" lists every tenant (system tenant only);
    /// null uses the caller's own tenant.
    /// </summary>
    public string PathOf(string? tenant = null, string? ns = null, string? name = null, string? subresource = null)
    {
        var root = Group.Length == 0 ? $"/api/{Version}" : $"/apis/{Group}/{Version}";
        var path = root;
        if (tenant is not null && Plural != "tenants" && Plural != "nodes")
        {
            path += $"/tenants/{Uri.EscapeDataString(tenant)}";
        }

        if (Namespaced && ns is not null)
        {
            path += $"/namespaces/{Uri.EscapeDataString(ns)}";
        }

        path += "/" + Plural;
        if (name is not null)
        {
            path += "/" + Uri.EscapeDataString(name);
            if (subresource is not null)
            {
                path += "/" + subresource;
            }
        }

        return path;
    }
}
