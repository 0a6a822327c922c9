namespace Ursa.Runtimes.Qemu.Images;

/// <summary>Where the disk image store keeps its files and how it reaches servers.</summary>
public sealed class DiskImageStoreOptions
{
    /// <summary>The store's directory: <c>blobs/sha256/</c>, <c>index.json</c>, <c>tmp/</c>. Required.</summary>
    public string Root { get; set; } = "";

    /// <summary>
    /// Registry host → endpoint, e.g. <c>ursa.local</c> → <c>http://127.0.0.1:5000</c>: the same mapping
    /// containerd's <c>certs.d/HOST/hosts.toml</c> gives it, so a VM image named <c>ursa.local/guest/busybox</c>
    /// comes from the local registry. An endpoint without a scheme uses http on loopback, https elsewhere.
    /// </summary>
    public IDictionary<string, string> Mirrors { get; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>OS and architecture picked from a multi-platform index. Default <c>linux</c>/<c>amd64</c>.</summary>
    public string Os { get; set; } = "linux";

    /// <inheritdoc cref="Os" />
    public string Architecture { get; set; } = "amd64";

    /// <summary>The <c>qemu-img</c> executable. Default <c>/usr/bin/qemu-img</c> (Debian's qemu-utils).</summary>
    public string QemuImg { get; set; } = "/usr/bin/qemu-img";

    /// <summary>A download that receives nothing for this long fails (HttpClient's own timeout stops at the
    /// headers). Default 60 s.</summary>
    public TimeSpan ReadIdleTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Bytes between two progress reports. Default 4 MiB (~250 reports for a 1 GiB image).</summary>
    public long ProgressInterval { get; set; } = 4 << 20;

    /// <summary>Throws when the options cannot work.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(Root) || !System.IO.Path.IsPathRooted(Root))
        {
            throw new ArgumentException($"disk image store root must be an absolute path, not '{Root}'");
        }

        if (ProgressInterval <= 0 || ReadIdleTimeout <= TimeSpan.Zero)
        {
            throw new ArgumentException("ProgressInterval and ReadIdleTimeout must be positive");
        }

        foreach ((string host, string endpoint) in Mirrors)
        {
            _ = RegistryEndpoints.ParseEndpoint(host, endpoint);
        }
    }
}
