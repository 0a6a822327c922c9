namespace Ursa.Runtimes.Qemu.Images;

/// <summary>One reference an image was pulled as, with what a revalidation needs.</summary>
/// <param name="Reference">The reference's index key (<see cref="DiskImageReference.Key"/>).</param>
/// <param name="PulledAt">When it was last pulled or revalidated.</param>
/// <param name="ETag">A URL's ETag, for If-None-Match.</param>
/// <param name="LastModified">A URL's Last-Modified, for If-Modified-Since.</param>
/// <param name="ManifestDigest">An OCI reference's image manifest digest: same digest, same disk.</param>
internal sealed record ReferenceRecord(string Reference, DateTimeOffset PulledAt, string? ETag = null, DateTimeOffset? LastModified = null, string? ManifestDigest = null);
