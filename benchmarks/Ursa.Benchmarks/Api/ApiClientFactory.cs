using System.Net;
using System.Net.Http.Headers;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace Ursa.Benchmarks.Api;

/// <summary>HTTP clients for a kubeconfig written by Ursa (CA data and bearer token).</summary>
public static class ApiClientFactory
{
    public static HttpClient Create(string kubeconfigPath, int port, int maxConnections)
    {
        string? ca = null, token = null;
        foreach (var raw in File.ReadLines(kubeconfigPath))
        {
            var line = raw.Trim();
            if (line.StartsWith("certificate-authority-data:", StringComparison.Ordinal))
            {
                ca = Encoding.UTF8.GetString(Convert.FromBase64String(line["certificate-authority-data:".Length..].Trim()));
            }
            else if (line.StartsWith("token:", StringComparison.Ordinal))
            {
                token = line["token:".Length..].Trim();
            }
        }

        var authority = X509Certificate2.CreateFromPem(ca ?? throw new InvalidDataException("kubeconfig has no certificate-authority-data"));
        var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = maxConnections,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            SslOptions = new SslClientAuthenticationOptions
            {
                RemoteCertificateValidationCallback = (_, certificate, _, _) =>
                {
                    using var chain = new X509Chain();
                    chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
                    chain.ChainPolicy.CustomTrustStore.Add(authority);
                    chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
                    return certificate is not null && chain.Build(new X509Certificate2(certificate));
                },
            },
        };
        var client = new HttpClient(handler)
        {
            BaseAddress = new Uri($"https://127.0.0.1:{port}"),
            Timeout = TimeSpan.FromMinutes(5),
            DefaultRequestVersion = HttpVersion.Version11,
        };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token ?? throw new InvalidDataException("kubeconfig has no token"));
        return client;
    }
}
