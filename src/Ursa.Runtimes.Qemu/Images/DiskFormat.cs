namespace Ursa.Runtimes.Qemu.Images;

/// <summary>The on-disk formats the store accepts; anything else <c>qemu-img</c> detects is refused.</summary>
public enum DiskFormat
{
    /// <summary>A plain disk image, byte for byte.</summary>
    Raw,

    /// <summary>QEMU copy-on-write v2/v3, without a backing file.</summary>
    Qcow2,
}
