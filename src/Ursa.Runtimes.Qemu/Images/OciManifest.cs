namespace Ursa.Runtimes.Qemu.Images;

/// <summary>A parsed manifest document: an index (<see cref="Manifests"/>) or an image manifest (<see cref="Layers"/>).</summary>
/// <param name="MediaType">The document's media type.</param>
/// <param name="Manifests">An index's entries; empty for an image manifest.</param>
/// <param name="Layers">An image manifest's layers, base first; empty for an index.</param>
internal sealed record OciManifest(string MediaType, IReadOnlyList<OciDescriptor> Manifests, IReadOnlyList<OciDescriptor> Layers)
{
    public bool IsIndex => OciMediaTypes.IsIndex(MediaType);
}
