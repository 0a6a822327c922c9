using System.Net;

namespace Ursa.Runtimes.Qemu.Images;

/// <summary>Pure: registry host → the base URL its v2 API is reached at, through the mirror map.</summary>
public static class RegistryEndpoints
{
    /// <summary>The base URL for <paramref name="registry"/>: its mirror when mapped, Docker Hub's API host for
    /// <c>docker.io</c>, else the host itself (http on loopback, https elsewhere).</summary>
    public static Uri Resolve(string registry, IDictionary<string, string> mirrors)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(registry);
        ArgumentNullException.ThrowIfNull(mirrors);
        if (mirrors.TryGetValue(registry, out string? mirror))
        {
            return ParseEndpoint(registry, mirror);
        }

        return registry == OciReference.DockerHub ? new Uri("https://registry-1.docker.io") : ParseEndpoint(registry, registry);
    }

    /// <summary>An endpoint as configured: a URL, or <c>host:port</c> (http when the host is loopback).</summary>
    /// <exception cref="ArgumentException">Not an http(s) URL or host.</exception>
    public static Uri ParseEndpoint(string registry, string endpoint)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(endpoint);
        string text = endpoint.Trim();
        if (!text.Contains("://", StringComparison.Ordinal))
        {
            text = (IsLoopback(text) ? "http://" : "https://") + text;
        }

        return Uri.TryCreate(text, UriKind.Absolute, out Uri? uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps) && uri.Host.Length > 0
            ? uri
            : throw new ArgumentException($"registry {registry}: endpoint '{endpoint}' is not an http(s) URL or host[:port]");
    }

    /// <summary>Whether <paramref name="hostAndPort"/> names this machine (<c>localhost</c>, 127.0.0.0/8, ::1).</summary>
    public static bool IsLoopback(string hostAndPort)
    {
        ArgumentNullException.ThrowIfNull(hostAndPort);
        string host = hostAndPort;
        if (host.StartsWith('['))
        {
            int close = host.IndexOf(']', StringComparison.Ordinal);
            host = close > 0 ? host[1..close] : host;
        }
        else if (host.Count(c => c == ':') == 1)
        {
            host = host[..host.IndexOf(':', StringComparison.Ordinal)];
        }

        return host.Equals("localhost", StringComparison.OrdinalIgnoreCase) || (IPAddress.TryParse(host, out IPAddress? address) && IPAddress.IsLoopback(address));
    }
}
