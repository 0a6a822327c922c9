namespace Ursa.Runtimes.Qemu.Images;

/// <summary>Kubernetes' imagePullPolicy, applied by <see cref="DiskImageStoreExtensions.EnsureAsync"/>.</summary>
public enum DiskImagePullPolicy
{
    /// <summary>Pull (revalidate) every time.</summary>
    Always,

    /// <summary>Pull only when the store has no image for the reference.</summary>
    IfNotPresent,

    /// <summary>Never pull; fail when the store has no image for the reference.</summary>
    Never,
}
