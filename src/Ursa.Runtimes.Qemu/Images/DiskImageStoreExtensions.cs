namespace Ursa.Runtimes.Qemu.Images;

/// <summary>Pull policies over <see cref="IDiskImageStore"/>.</summary>
public static class DiskImageStoreExtensions
{
    /// <summary>The image for <paramref name="reference"/> under <paramref name="policy"/>.</summary>
    /// <exception cref="DiskImagePullException">Policy Never and the image is not in the store, or the pull failed.</exception>
    public static async Task<DiskImage> EnsureAsync(this IDiskImageStore store, string reference, DiskImagePullPolicy policy,
        IProgress<ImagePullProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        if (policy != DiskImagePullPolicy.Always && store.Status(reference) is { } present)
        {
            return present;
        }

        return policy == DiskImagePullPolicy.Never
            ? throw new DiskImagePullException(reference, "not in the store and the pull policy is Never")
            : await store.PullAsync(reference, progress, cancellationToken).ConfigureAwait(false);
    }
}
