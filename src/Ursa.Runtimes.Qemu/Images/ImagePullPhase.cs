namespace Ursa.Runtimes.Qemu.Images;

/// <summary>Where a pull is.</summary>
public enum ImagePullPhase
{
    /// <summary>Asking the server or registry what the reference points at.</summary>
    Resolving,

    /// <summary>Bytes are arriving (a URL's body, or registry layers).</summary>
    Downloading,

    /// <summary>The image is in the store (downloaded, or found unchanged).</summary>
    Complete,
}
