using System.Net;

namespace Ursa.ApiServer.Hosting;

/// <summary>Options of the API server.</summary>
public sealed class ApiServerOptions
{
    /// <summary>Directory holding the PKI and token file (created if missing).</summary>
    public required string DataDirectory { get; set; }

    /// <summary>Address to listen on. Default 127.0.0.1: the API is not exposed beyond this machine unless asked.</summary>
    public string BindAddress { get; set; } = "127.0.0.1";

    /// <summary>HTTPS port. Default 6443; 0 picks a free port (tests).</summary>
    public int Port { get; set; } = 6443;

    /// <summary>The Kubernetes minor version reported by /version; kubectl wrappers pick their client by it.</summary>
    public int KubernetesMinor { get; set; } = 33;

    /// <summary>How often the store's history is compacted; history older than one interval is dropped.</summary>
    public TimeSpan CompactionInterval { get; set; } = TimeSpan.FromMinutes(5);

    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(DataDirectory))
        {
            throw new ArgumentException("DataDirectory is required");
        }

        if (Port is < 0 or > 65535)
        {
            throw new ArgumentException($"port {Port} is out of range 0-65535");
        }

        if (!IPAddress.TryParse(BindAddress, out _))
        {
            throw new ArgumentException($"bind address \"{BindAddress}\" is not an IP address");
        }
    }
}
