using System.Security.Cryptography.X509Certificates;

namespace Ursa.Grpc;

/// <summary>Connection settings of a <see cref="GrpcChannel"/>.</summary>
public sealed class GrpcChannelOptions
{
    /// <summary>How long to wait for a TCP (and TLS) connection. Default 5 s.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Idle time on a connection with open calls before an HTTP/2 PING checks it is alive. Default 30 s: long
    /// streams (watches) learn of a dead peer within ~40 s, and etcd's server refuses pings closer than 5 s.
    /// </summary>
    public TimeSpan KeepAlivePingDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a PING may go unanswered before the connection is dropped. Default 10 s.</summary>
    public TimeSpan KeepAlivePingTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Largest response message accepted. Default 64 MiB (etcd sends whole range pages in one message).</summary>
    public int MaxReceiveMessageSize { get; set; } = 64 * 1024 * 1024;

    /// <summary>For https targets: trust only these roots instead of the system store. Null: system store.</summary>
    public X509Certificate2Collection? TrustedRoots { get; set; }

    /// <summary>For https targets: the client certificate (with private key) to present. Null: none.</summary>
    public X509Certificate2? ClientCertificate { get; set; }

    /// <summary>Throws when a setting is out of range.</summary>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(ConnectTimeout, TimeSpan.Zero, nameof(ConnectTimeout));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(KeepAlivePingDelay, TimeSpan.Zero, nameof(KeepAlivePingDelay));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(KeepAlivePingTimeout, TimeSpan.Zero, nameof(KeepAlivePingTimeout));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxReceiveMessageSize, 1024, nameof(MaxReceiveMessageSize));
    }
}
