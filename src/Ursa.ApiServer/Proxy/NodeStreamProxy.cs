using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Logging;

namespace Ursa.ApiServer.Proxy;

/// <summary>
/// The API server's half of logs, exec and attach: it dials the node's streaming endpoint over HTTPS with its
/// own client certificate (the node trusts only the cluster CA) and relays bytes or WebSocket messages.
/// <code>
/// kubectl ──GET log──────▶ API server ──GET /containerLogs/t/ns/pod/c──▶ node   (text, chunked, flushed per read)
/// kubectl ──wss exec v5──▶ API server ──wss /exec/t/ns/pod/c v5───────▶ node   (messages relayed as they are)
/// </code>
/// The node's certificate must chain to the cluster CA and name the address dialled.
/// </summary>
public sealed partial class NodeStreamProxy : IDisposable
{
    private readonly SocketsHttpHandler _handler;
    private readonly HttpClient _http;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    /// <param name="clientCertificate">The API server's client certificate (with its key), issued by the cluster CA.</param>
    /// <param name="clusterAuthority">The cluster CA, the only trust root for node certificates.</param>
    /// <param name="time">The clock.</param>
    /// <param name="logger">Logging.</param>
    public NodeStreamProxy(X509Certificate2 clientCertificate, X509Certificate2 clusterAuthority, TimeProvider time, ILogger<NodeStreamProxy> logger)
    {
        _time = time;
        _logger = logger;
        _handler = new SocketsHttpHandler
        {
            UseProxy = false,
            ConnectTimeout = ConnectTimeout,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(1),
            SslOptions = new SslClientAuthenticationOptions
            {
                ClientCertificates = [clientCertificate],
                RemoteCertificateValidationCallback = (_, certificate, _, errors) => IsNodeCertificate(certificate, errors, clusterAuthority),
            },
        };

        // Followed logs last as long as the container: no overall timeout, only on connecting and on headers.
        _http = new HttpClient(_handler, disposeHandler: false) { Timeout = Timeout.InfiniteTimeSpan };
    }

    /// <summary>
    /// The common name of the API server's client certificate: node agents accept this name only (the agent's
    /// NodeStreamingOptions.DefaultClientName).
    /// </summary>
    public const string ClientCommonName = "ursa-apiserver-node-client";

    /// <summary>How long dialling a node may take before it counts as unreachable.</summary>
    public static TimeSpan ConnectTimeout { get; } = TimeSpan.FromSeconds(5);

    /// <summary>How long a node may take to answer a request's headers (or the WebSocket upgrade).</summary>
    public static TimeSpan ResponseTimeout { get; } = TimeSpan.FromSeconds(30);

    public void Dispose()
    {
        _http.Dispose();
        _handler.Dispose();
    }

    private static bool IsNodeCertificate(X509Certificate? certificate, SslPolicyErrors errors, X509Certificate2 authority)
    {
        if (certificate is null || errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch))
        {
            return false;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(authority);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        using var leaf = new X509Certificate2(certificate);
        return chain.Build(leaf);
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Debug, "{Kind} of {Pod} relayed to node {Node} at {Endpoint}")]
        public static partial void Relaying(ILogger logger, string kind, string pod, string node, string endpoint);

        [LoggerMessage(2, LogLevel.Warning, "Cannot reach node {Node} at {Endpoint} for {Kind}: {Reason}")]
        public static partial void Unreachable(ILogger logger, string node, string endpoint, string kind, string reason);
    }
}
