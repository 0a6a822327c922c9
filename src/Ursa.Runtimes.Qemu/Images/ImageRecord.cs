namespace Ursa.Runtimes.Qemu.Images;

/// <summary>One image in the index: its content and every reference that points at it (none: a dangling image,
/// left after its reference moved to new content, removable by id).</summary>
internal sealed record ImageRecord(string Id, DiskFormat Format, long SizeBytes, long VirtualSizeBytes, IReadOnlyList<ReferenceRecord> References);
