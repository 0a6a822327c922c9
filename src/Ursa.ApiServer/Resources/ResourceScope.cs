namespace Ursa.ApiServer.Resources;

/// <summary>Where objects of a kind live.</summary>
public enum ResourceScope
{
    /// <summary>One per cluster, outside every tenant (Node, Tenant).</summary>
    Cluster,

    /// <summary>One per tenant, outside namespaces (Namespace).</summary>
    Tenant,

    /// <summary>Inside a namespace of a tenant (Pod, Deployment, ...).</summary>
    Namespaced,
}
