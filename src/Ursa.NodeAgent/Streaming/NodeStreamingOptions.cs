using System.Net;
using System.Security.Cryptography.X509Certificates;

namespace Ursa.NodeAgent.Streaming;

/// <summary>Where and how <see cref="NodeStreamingServer"/> listens.</summary>
public sealed class NodeStreamingOptions
{
    /// <summary>The address to listen on: the node's InternalIP, as the Node object advertises it.</summary>
    public IPAddress Address { get; set; } = IPAddress.Loopback;

    /// <summary>The port (the Node's <c>status.daemonEndpoints.kubeletEndpoint.Port</c>); 0 picks a free one.</summary>
    public int Port { get; set; } = 10250;

    /// <summary>The node's serving certificate with its private key, issued by the cluster CA for the node's addresses.</summary>
    public X509Certificate2? ServingCertificate { get; set; }

    /// <summary>
    /// The cluster CA: callers must present a client certificate (client-auth usage) chained to it. The API
    /// server does; kubectl users never talk to the node directly.
    /// </summary>
    public X509Certificate2? ClientCertificateAuthority { get; set; }

    /// <summary>
    /// The common names a client certificate may carry (default: the API server's node client). A chain to the
    /// CA alone is not enough: other components (node agents) hold CA-issued certificates too, and must not
    /// exec into pods on other nodes.
    /// </summary>
    public IReadOnlySet<string> AllowedClientNames { get; set; } = new HashSet<string>(StringComparer.Ordinal) { DefaultClientName };

    /// <summary>The common name of the API server's client certificate for nodes.</summary>
    public const string DefaultClientName = "ursa-apiserver-node-client";

    /// <summary>How long a finished session waits for the client to acknowledge the close before dropping it.</summary>
    public TimeSpan CloseTimeout { get; set; } = TimeSpan.FromSeconds(5);

    public void Validate()
    {
        if (ServingCertificate is not { HasPrivateKey: true })
        {
            throw new ArgumentException("the node streaming server needs a serving certificate with its private key", nameof(ServingCertificate));
        }

        if (ClientCertificateAuthority is null)
        {
            throw new ArgumentException("the node streaming server needs the cluster CA to authenticate the API server", nameof(ClientCertificateAuthority));
        }

        if (Port is < 0 or > 65535)
        {
            throw new ArgumentOutOfRangeException(nameof(Port), Port, "a TCP port is 0-65535");
        }
    }
}
