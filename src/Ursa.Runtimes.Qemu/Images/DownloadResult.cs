namespace Ursa.Runtimes.Qemu.Images;

/// <summary>What a source did: found the image unchanged (nothing written), or wrote it to the blob writer.</summary>
/// <param name="NotModified">The server or registry says the cached content is current.</param>
/// <param name="Source">What to record for the next revalidation.</param>
internal sealed record DownloadResult(bool NotModified, ReferenceRecord Source);
