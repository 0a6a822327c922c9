using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;

namespace Ursa.Grpc.Internal;

/// <summary>
/// Builds the <see cref="SocketsHttpHandler"/> for a target: h2c with prior knowledge for <c>http://</c>,
/// TLS with ALPN h2 for <c>https://</c>, and <c>unix:///path</c> through a unix socket.
/// </summary>
internal static class GrpcHttpHandlerFactory
{
    public static SocketsHttpHandler Create(Uri target, GrpcChannelOptions options)
    {
        var handler = new SocketsHttpHandler
        {
            ConnectTimeout = options.ConnectTimeout,
            KeepAlivePingDelay = options.KeepAlivePingDelay,
            KeepAlivePingTimeout = options.KeepAlivePingTimeout,
            KeepAlivePingPolicy = HttpKeepAlivePingPolicy.WithActiveRequests,
            // One connection carries the server's max concurrent streams (Go's default: 250 here, 100 in
            // some builds); open another instead of queueing calls behind them.
            EnableMultipleHttp2Connections = true,
            UseProxy = false,
            UseCookies = false,
            AllowAutoRedirect = false,
        };

        switch (target.Scheme)
        {
            case "http":
                return handler;
            case "https":
                handler.SslOptions = TlsOptions(options);
                return handler;
            case "unix":
                string path = target.AbsolutePath;
                handler.ConnectCallback = async (_, cancellationToken) =>
                {
                    var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
                    try
                    {
                        await socket.ConnectAsync(new UnixDomainSocketEndPoint(path), cancellationToken).ConfigureAwait(false);
                        return new NetworkStream(socket, ownsSocket: true);
                    }
                    catch
                    {
                        socket.Dispose();
                        throw;
                    }
                };
                return handler;
            default:
                handler.Dispose();
                throw new ArgumentException($"unsupported gRPC target scheme '{target.Scheme}' (use http, https or unix)", nameof(target));
        }
    }

    private static SslClientAuthenticationOptions TlsOptions(GrpcChannelOptions options)
    {
        var tls = new SslClientAuthenticationOptions();
        if (options.ClientCertificate is not null)
        {
            tls.ClientCertificates = [options.ClientCertificate];
        }

        if (options.TrustedRoots is { } roots)
        {
            tls.RemoteCertificateValidationCallback = (_, certificate, _, errors) =>
            {
                // Name and presence errors still fail; only the chain is judged against our own roots.
                if ((errors & ~SslPolicyErrors.RemoteCertificateChainErrors) != SslPolicyErrors.None || certificate is null)
                {
                    return false;
                }

                using var chain = new X509Chain();
                chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
                chain.ChainPolicy.CustomTrustStore.AddRange(roots);
                chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
                using var leaf = new X509Certificate2(certificate);
                return chain.Build(leaf);
            };
        }

        return tls;
    }
}
