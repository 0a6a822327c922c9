namespace Ursa.Runtimes.Qemu.Images;

/// <summary>How far a pull has got; reported at start, every <see cref="DiskImageStoreOptions.ProgressInterval"/>
/// bytes and at the end.</summary>
/// <param name="Reference">The reference being pulled.</param>
/// <param name="Phase">Where the pull is.</param>
/// <param name="BytesDone">Bytes received so far (compressed layer bytes for an OCI image).</param>
/// <param name="BytesTotal">Bytes expected, when the server or manifest says.</param>
public readonly record struct ImagePullProgress(string Reference, ImagePullPhase Phase, long BytesDone, long? BytesTotal);
