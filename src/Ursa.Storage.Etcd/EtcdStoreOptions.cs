namespace Ursa.Storage.Etcd;

/// <summary>How <see cref="EtcdStore"/> reaches an etcd cluster (bound from <c>--etcd-servers</c> and the TLS flags).</summary>
public sealed class EtcdStoreOptions
{
    /// <summary>
    /// The cluster's client URLs, e.g. <c>https://10.0.0.1:2379</c>; <c>http://</c> for plain-text h2c and
    /// <c>unix:///path</c> for a local socket. Required. Calls go to one endpoint and move to the next when it fails.
    /// </summary>
    public IList<Uri> Endpoints { get; set; } = [];

    /// <summary>Time allowed to open a connection to one endpoint. Default 2 s: a dead member on a LAN refuses
    /// or times out well within that, and failover tries the next one.</summary>
    public TimeSpan DialTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Deadline of one unary request to one endpoint. Default 10 s: etcd's own request timeout is
    /// ~7 s (5 s election + margin) during a leader change.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How often a watch asks etcd for its revision (WatchProgressRequest) so a watcher of a quiet prefix learns
    /// how far the store has moved. Default 1 s. An answer is held for at least 1 s (and at least one interval)
    /// before it is passed on, because etcd 3.4 can answer ahead of events it has not sent yet; so a progress event
    /// reaches the caller 1–2 s after the revision it reports.
    /// </summary>
    public TimeSpan WatchProgressInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>First pause before a broken watch reconnects; doubles per failed attempt up to 2 s. Default 100 ms.</summary>
    public TimeSpan WatchRetryDelay { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>PEM file with the CA that signs the etcd servers' certificates; null trusts the system store.</summary>
    public string? TrustedCaFile { get; set; }

    /// <summary>PEM client certificate for etcd's client-cert auth; needs <see cref="ClientKeyFile"/>.</summary>
    public string? ClientCertificateFile { get; set; }

    /// <summary>PEM private key of <see cref="ClientCertificateFile"/>.</summary>
    public string? ClientKeyFile { get; set; }

    /// <summary>Throws when the options cannot work.</summary>
    public void Validate()
    {
        if (Endpoints.Count == 0)
        {
            throw new ArgumentException("at least one etcd endpoint is required", nameof(Endpoints));
        }

        foreach (Uri endpoint in Endpoints)
        {
            if (!endpoint.IsAbsoluteUri || endpoint.Scheme is not ("http" or "https" or "unix"))
            {
                throw new ArgumentException($"etcd endpoint '{endpoint}' must be an absolute http, https or unix URL", nameof(Endpoints));
            }
        }

        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(DialTimeout, TimeSpan.Zero, nameof(DialTimeout));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(RequestTimeout, TimeSpan.Zero, nameof(RequestTimeout));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(WatchProgressInterval, TimeSpan.Zero, nameof(WatchProgressInterval));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(WatchRetryDelay, TimeSpan.Zero, nameof(WatchRetryDelay));
        if ((ClientCertificateFile is null) != (ClientKeyFile is null))
        {
            throw new ArgumentException("a client certificate needs its key file, and a key its certificate", nameof(ClientCertificateFile));
        }
    }
}
