namespace Ursa.Runtimes.Qemu.Images;

/// <summary>A pull failed for a reason worth showing the user as is: not found, authentication required, digest
/// mismatch, no disk in the image, a format the store refuses.</summary>
public sealed class DiskImagePullException : Exception
{
    /// <summary>A failure of the pull of <paramref name="reference"/>.</summary>
    public DiskImagePullException(string reference, string message, Exception? inner = null)
        : base($"pulling {reference}: {message}", inner) => Reference = reference;

    /// <summary>The reference whose pull failed.</summary>
    public string Reference { get; }
}
