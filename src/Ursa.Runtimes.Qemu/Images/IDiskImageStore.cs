namespace Ursa.Runtimes.Qemu.Images;

/// <summary>
/// The VM runtime's disk images: pulled from an http(s) URL or an OCI registry (KubeVirt containerDisk layout),
/// kept once per content under a content-addressed cache, and used as read-only bases for per-VM overlays.
/// The CRI ImageService of the VM runtime maps onto it: PullImage → <see cref="PullAsync"/>, ImageStatus →
/// <see cref="Status"/>, ListImages → <see cref="List"/>, RemoveImage → <see cref="RemoveAsync"/>.
/// </summary>
/// <remarks>All members are safe to call concurrently. Concurrent pulls of one reference share one download.</remarks>
public interface IDiskImageStore
{
    /// <summary>
    /// Pulls <paramref name="reference"/> (policy Always): an http(s) URL is revalidated with a conditional GET
    /// (nothing downloaded when the server answers 304), an OCI reference re-reads its manifest (layers already
    /// turned into a cached disk are not fetched again). A URL may pin its content with a fragment
    /// <c>#sha256:&lt;hex&gt;</c>, checked before the file enters the store. For IfNotPresent, call
    /// <see cref="Status"/> first (<see cref="DiskImageStoreExtensions.EnsureAsync"/>).
    /// </summary>
    /// <exception cref="DiskImagePullException">The image cannot be pulled; the message says why.</exception>
    Task<DiskImage> PullAsync(string reference, IProgress<ImagePullProgress>? progress, CancellationToken cancellationToken);

    /// <summary>The image <paramref name="referenceOrId"/> (a reference it was pulled as, or its id) names, or null.</summary>
    DiskImage? Status(string referenceOrId);

    /// <summary>Every image in the store, ordered by id.</summary>
    IReadOnlyList<DiskImage> List();

    /// <summary>
    /// Removes a reference (the file goes with its last reference) or, given an id, the image and all its
    /// references. The caller makes sure no VM still uses it as a base. Returns false when nothing matched.
    /// </summary>
    Task<bool> RemoveAsync(string referenceOrId, CancellationToken cancellationToken);

    /// <summary>
    /// Creates a per-VM writable qcow2 overlay at <paramref name="overlayPath"/> over the shared
    /// <paramref name="baseImage"/>; <paramref name="virtualSizeBytes"/> grows the guest's disk (null: the base's size).
    /// </summary>
    Task CreateOverlayAsync(DiskImage baseImage, string overlayPath, long? virtualSizeBytes, CancellationToken cancellationToken);
}
