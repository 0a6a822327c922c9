using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Ursa.NodeAgent.Streaming.Internal;

/// <summary>Accepts a client certificate only if it names an allowed client, chains to the cluster CA and allows client authentication.</summary>
internal static class ClientCertificateCheck
{
    private const string ClientAuthentication = "1.3.6.1.5.5.7.3.2";

    public static bool IsTrusted(X509Certificate2 certificate, X509Certificate2 authority, IReadOnlySet<string> allowedNames)
    {
        if (!allowedNames.Contains(certificate.GetNameInfo(X509NameType.SimpleName, forIssuer: false)))
        {
            return false;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(authority);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.ApplicationPolicy.Add(new Oid(ClientAuthentication));
        return chain.Build(certificate);
    }
}
