namespace Ursa.Runtimes.Qemu.Images;

/// <summary>An OCI content descriptor: a manifest in an index, or a layer in a manifest.</summary>
/// <param name="MediaType">Its media type.</param>
/// <param name="Digest"><c>sha256:&lt;hex&gt;</c> of the content.</param>
/// <param name="Size">Its size in bytes.</param>
/// <param name="Os">Platform OS (index entries only), or null.</param>
/// <param name="Architecture">Platform architecture (index entries only), or null.</param>
internal sealed record OciDescriptor(string MediaType, string Digest, long Size, string? Os = null, string? Architecture = null);
