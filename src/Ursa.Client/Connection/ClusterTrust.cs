using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace Ursa.Client.Connection;

/// <summary>TLS for talking to an Ursa API server: the cluster CA is the only trust root (the system store is not used).</summary>
public static class ClusterTrust
{
    /// <summary>An HTTP handler whose server certificate check accepts only chains to <paramref name="certificateAuthorityPem"/>.</summary>
    public static SocketsHttpHandler CreateHandler(string certificateAuthorityPem)
    {
        var authority = X509Certificate2.CreateFromPem(certificateAuthorityPem);
        return new SocketsHttpHandler
        {
            SslOptions = new SslClientAuthenticationOptions
            {
                RemoteCertificateValidationCallback = (_, certificate, _, _) =>
                {
                    if (certificate is null)
                    {
                        return false;
                    }

                    using var chain = new X509Chain();
                    chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
                    chain.ChainPolicy.CustomTrustStore.Add(authority);
                    chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
                    return chain.Build(new X509Certificate2(certificate));
                },
            },
        };
    }
}
