namespace Ursa.Runtimes.Qemu.Images;

/// <summary>A disk image in the store: one content-addressed file, shared read-only by every VM booted from it
/// (each VM writes to its own qcow2 overlay, <see cref="IDiskImageStore.CreateOverlayAsync"/>).</summary>
/// <param name="Id"><c>sha256:&lt;hex&gt;</c> of the disk file's bytes (not of a registry layer or manifest).</param>
/// <param name="Format">What <c>qemu-img info</c> detected.</param>
/// <param name="SizeBytes">Size of the cached file.</param>
/// <param name="VirtualSizeBytes">Size of the disk the guest sees (larger than the file for a sparse qcow2).</param>
/// <param name="Path">The cached file, <c>ROOT/blobs/sha256/&lt;hex&gt;</c>; never written after it appears.</param>
/// <param name="References">Every reference this content was pulled as, sorted.</param>
public sealed record DiskImage(string Id, DiskFormat Format, long SizeBytes, long VirtualSizeBytes, string Path, IReadOnlyList<string> References)
{
    /// <summary>Equal when every field is, references compared element by element.</summary>
    public bool Equals(DiskImage? other) =>
        other is not null && Id == other.Id && Format == other.Format && SizeBytes == other.SizeBytes
        && VirtualSizeBytes == other.VirtualSizeBytes && Path == other.Path && References.SequenceEqual(other.References);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Id, Format, SizeBytes, Path, References.Count);
}
