namespace Ursa.Runtimes.Qemu.Images;

/// <summary>The on-disk form of the index, <c>ROOT/index.json</c>.</summary>
internal sealed record ImageIndexDocument(int Version, IReadOnlyList<ImageRecord> Images)
{
    public const int CurrentVersion = 1;
}
