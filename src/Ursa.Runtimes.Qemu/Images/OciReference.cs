using System.Text.RegularExpressions;

namespace Ursa.Runtimes.Qemu.Images;

/// <summary>An OCI image reference, normalized as Docker and containerd do: <c>busybox</c> is
/// <c>docker.io/library/busybox:latest</c>.</summary>
/// <param name="Registry">Registry host (and port), e.g. <c>ursa.local</c>, <c>127.0.0.1:5000</c>, <c>docker.io</c>.</param>
/// <param name="Repository">Repository path, e.g. <c>guest/busybox</c>.</param>
/// <param name="Tag">Tag; <c>latest</c> when neither a tag nor a digest was given; null with a digest alone.</param>
/// <param name="Digest">Pinned manifest digest <c>sha256:&lt;hex&gt;</c>, or null.</param>
public sealed partial record OciReference(string Registry, string Repository, string? Tag, string? Digest)
{
    /// <summary>Docker Hub's name in references; its API lives at <c>registry-1.docker.io</c>.</summary>
    public const string DockerHub = "docker.io";

    /// <summary>What to ask the registry's manifests endpoint for: the digest when pinned, else the tag.</summary>
    public string ManifestReference => Digest ?? Tag!;

    /// <summary>Parses <paramref name="text"/>; false when it is not a valid reference.</summary>
    public static bool TryParse(string text, out OciReference? reference)
    {
        reference = null;
        if (string.IsNullOrWhiteSpace(text) || text.Length > 512 || text.Contains("://", StringComparison.Ordinal))
        {
            return false;
        }

        string rest = text;
        string? digest = null;
        int at = rest.IndexOf('@', StringComparison.Ordinal);
        if (at >= 0)
        {
            digest = rest[(at + 1)..];
            rest = rest[..at];
            if (!Sha256Digest.IsValid(digest))
            {
                return false;
            }
        }

        string registry = DockerHub;
        int slash = rest.IndexOf('/', StringComparison.Ordinal);
        if (slash > 0 && LooksLikeHost(rest[..slash]))
        {
            registry = rest[..slash];
            rest = rest[(slash + 1)..];
        }

        string? tag = null;
        int colon = rest.LastIndexOf(':');
        if (colon >= 0)
        {
            tag = rest[(colon + 1)..];
            rest = rest[..colon];
            if (!TagPattern().IsMatch(tag))
            {
                return false;
            }
        }

        if (!RepositoryPattern().IsMatch(rest) || !HostPattern().IsMatch(registry))
        {
            return false;
        }

        if (registry == DockerHub && !rest.Contains('/', StringComparison.Ordinal))
        {
            rest = "library/" + rest;
        }

        reference = new OciReference(registry, rest, tag ?? (digest is null ? "latest" : null), digest);
        return true;
    }

    /// <summary>The normalized form, e.g. <c>docker.io/library/busybox:latest</c>.</summary>
    public override string ToString() =>
        Registry + "/" + Repository + (Tag is null ? "" : ":" + Tag) + (Digest is null ? "" : "@" + Digest);

    // Docker's rule: the first component is a host when it has a dot or a port, or is "localhost".
    private static bool LooksLikeHost(string component) =>
        component.Contains('.', StringComparison.Ordinal) || component.Contains(':', StringComparison.Ordinal) || component == "localhost";

    [GeneratedRegex(@"^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*$")]
    private static partial Regex RepositoryPattern();

    [GeneratedRegex(@"^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$")]
    private static partial Regex TagPattern();

    [GeneratedRegex(@"^(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*|\[[0-9A-Fa-f:.]+\])(?::[0-9]{1,5})?$")]
    private static partial Regex HostPattern();
}
