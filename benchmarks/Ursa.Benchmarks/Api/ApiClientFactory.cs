using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Ursa.Client.Connection;

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

        var handler = ClusterTrust.CreateHandler(ca ?? throw new InvalidDataException("kubeconfig has no certificate-authority-data"));
        handler.MaxConnectionsPerServer = maxConnections;
        handler.PooledConnectionLifetime = Timeout.InfiniteTimeSpan;
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
