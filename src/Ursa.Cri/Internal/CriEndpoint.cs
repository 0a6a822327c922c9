namespace Ursa.Cri.Internal;

/// <summary>Turns a CRI endpoint as users write it (kubelet's <c>--container-runtime-endpoint</c>) into a channel target.</summary>
internal static class CriEndpoint
{
    private const string UnixScheme = "unix://";

    /// <summary>
    /// <c>unix:///path</c> or a plain path (relative to the working directory) to <c>unix:///absolute/path</c>.
    /// </summary>
    public static Uri Parse(string endpoint)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(endpoint);
        string path = endpoint.StartsWith(UnixScheme, StringComparison.Ordinal) ? endpoint[UnixScheme.Length..] : endpoint;
        if (path.Length == 0 || path.Contains("://", StringComparison.Ordinal))
        {
            throw new ArgumentException($"'{endpoint}' is not a unix socket endpoint (use unix:///path or a path)", nameof(endpoint));
        }

        var builder = new UriBuilder("unix", string.Empty) { Path = Path.GetFullPath(path) };
        return builder.Uri;
    }
}
