using System.Globalization;
using Ursa.ApiServer.Errors;

namespace Ursa.ApiServer.Proxy;

/// <summary>Where a pod's logs, exec and attach are served: the node's streaming endpoint and the container.</summary>
/// <param name="NodeName">The node running the pod.</param>
/// <param name="Endpoint">The node's streaming endpoint (https://address:port).</param>
/// <param name="Tenant">The pod's tenant.</param>
/// <param name="Namespace">The pod's namespace.</param>
/// <param name="Pod">The pod's name.</param>
/// <param name="Container">The container (already defaulted).</param>
public sealed record NodeStreamTarget(string NodeName, Uri Endpoint, string Tenant, string Namespace, string Pod, string Container)
{
    /// <summary>The kubelet's port, used when a Node does not advertise one.</summary>
    public const int DefaultPort = 10250;

    /// <summary>The URL of one streaming request on the node: <c>/{kind}/{tenant}/{namespace}/{pod}/{container}?query</c>.</summary>
    public Uri Url(string kind, string query, bool webSocket = false)
    {
        var builder = new UriBuilder(Endpoint)
        {
            Scheme = webSocket ? "wss" : "https",
            Path = string.Join('/', [string.Empty, kind, .. new[] { Tenant, Namespace, Pod, Container }.Select(Uri.EscapeDataString)]),
            Query = query,
        };
        return builder.Uri;
    }

    /// <summary>
    /// The node's streaming endpoint from its status: the InternalIP (else ExternalIP, else Hostname) and
    /// <c>daemonEndpoints.kubeletEndpoint.Port</c> (else 10250).
    /// </summary>
    /// <exception cref="ApiException">The node advertises no address.</exception>
    public static Uri EndpointOf(Node node)
    {
        var addresses = node.Status?.Addresses ?? [];
        var address = new[] { "InternalIP", "ExternalIP", "Hostname" }
            .Select(type => addresses.FirstOrDefault(a => a.Type == type && !string.IsNullOrEmpty(a.Address))?.Address)
            .FirstOrDefault(a => a is not null)
            ?? throw NodeStreamErrors.NoAddress(node.Metadata.Name ?? string.Empty);
        var port = node.Status?.DaemonEndpoints?.KubeletEndpoint?.Port is int p and > 0 ? p : DefaultPort;
        var host = address.Contains(':', StringComparison.Ordinal) ? $"[{address}]" : address;
        return new Uri($"https://{host}:{port.ToString(CultureInfo.InvariantCulture)}");
    }
}
