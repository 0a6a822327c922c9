using System.Security.Cryptography.X509Certificates;
using Ursa.ApiServer.Pki;
using Ursa.NodeAgent.Streaming;

namespace Ursa.Cli;

/// <summary>The logs/exec server's certificates for a node whose control plane runs on the same machine: issued by
/// the cluster CA in the API server's data directory (<c>ursa up</c>), or read from files (<c>ursa agent</c>).</summary>
public static class NodeCertificates
{
    /// <summary>A serving certificate for <paramref name="nodeName"/> at <paramref name="address"/>, issued by the CA under
    /// <paramref name="dataDirectory"/>/pki, which also authenticates the API server's client certificate.</summary>
    public static NodeStreamingOptions FromDataDirectory(string dataDirectory, string nodeName, string address)
    {
        using var ca = CertificateAuthority.LoadOrCreate(Path.Combine(dataDirectory, "pki"), TimeProvider.System);
        return new NodeStreamingOptions
        {
            ServingCertificate = ca.IssueNodeServingCertificate(TimeProvider.System, nodeName, [address]),
            ClientCertificateAuthority = X509Certificate2.CreateFromPem(ca.CertificatePem),
        };
    }

    /// <summary>Certificate and key files (PEM) for serving, and the cluster CA from the kubeconfig.</summary>
    public static NodeStreamingOptions FromFiles(string certificateFile, string keyFile, string clusterCaPem)
    {
        using var pem = X509Certificate2.CreateFromPemFile(certificateFile, keyFile);
        return new NodeStreamingOptions
        {
            // Re-imported: on Linux a PEM-loaded key is ephemeral and SslStream wants a persisted one.
            ServingCertificate = X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), null),
            ClientCertificateAuthority = X509Certificate2.CreateFromPem(clusterCaPem),
        };
    }
}
