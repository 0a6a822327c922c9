namespace Ursa.NodeAgent.Streaming;

/// <summary>The container a streaming request addresses, as the API server names it in the node URL.</summary>
/// <param name="Tenant">The pod's tenant ("system" for the system tenant).</param>
/// <param name="Namespace">The pod's namespace.</param>
/// <param name="Pod">The pod's name.</param>
/// <param name="Container">The container's name (for a VM pod, the virtual machine's name).</param>
public sealed record ContainerTarget(string Tenant, string Namespace, string Pod, string Container)
{
    public override string ToString() => $"{Tenant}/{Namespace}/{Pod}/{Container}";
}
