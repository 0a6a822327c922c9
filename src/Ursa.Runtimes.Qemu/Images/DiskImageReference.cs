namespace Ursa.Runtimes.Qemu.Images;

/// <summary>A parsed <c>virtualMachine.image</c>: an http(s) URL of a disk, or an OCI reference of a containerDisk.</summary>
/// <param name="Key">The form the store indexes by: the URL as given, or the normalized OCI reference.</param>
/// <param name="Url">The URL to GET, without the fragment (null for OCI).</param>
/// <param name="PinnedDigest">For a URL, the <c>#sha256:&lt;hex&gt;</c> the content must have, or null.</param>
/// <param name="Oci">The OCI reference (null for a URL).</param>
public sealed record DiskImageReference(string Key, Uri? Url, string? PinnedDigest, OciReference? Oci)
{
    /// <summary>Parses <paramref name="text"/>.</summary>
    /// <exception cref="ArgumentException">Neither an http(s) URL nor a valid OCI reference.</exception>
    public static DiskImageReference Parse(string text)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(text);
        string trimmed = text.Trim();
        if (trimmed.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || trimmed.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
        {
            if (!Uri.TryCreate(trimmed, UriKind.Absolute, out Uri? url) || url.Host.Length == 0)
            {
                throw new ArgumentException($"'{text}' is not a valid URL", nameof(text));
            }

            string? pinned = null;
            if (url.Fragment.Length > 1)
            {
                pinned = url.Fragment[1..];
                if (!Sha256Digest.IsValid(pinned))
                {
                    throw new ArgumentException($"'{text}': a URL fragment must pin the content as #sha256:<64 lowercase hex digits>", nameof(text));
                }
            }

            var withoutFragment = new UriBuilder(url) { Fragment = "" }.Uri;
            return new DiskImageReference(trimmed, withoutFragment, pinned, null);
        }

        return OciReference.TryParse(trimmed, out OciReference? oci)
            ? new DiskImageReference(oci!.ToString(), null, null, oci)
            : throw new ArgumentException($"'{text}' is neither an http(s) URL nor an OCI image reference", nameof(text));
    }

    /// <summary>Like <see cref="Parse"/>, returning false instead of throwing.</summary>
    public static bool TryParse(string text, out DiskImageReference? reference)
    {
        try
        {
            reference = Parse(text);
            return true;
        }
        catch (ArgumentException)
        {
            reference = null;
            return false;
        }
    }
}
