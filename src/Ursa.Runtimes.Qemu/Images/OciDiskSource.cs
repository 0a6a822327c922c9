namespace Ursa.Runtimes.Qemu.Images;

/// <summary>
/// Pulls a containerDisk from an OCI registry:
/// <code>
///  GET /v2/NAME/manifests/TAG ──index?──▶ pick OS/arch ──▶ GET /v2/NAME/manifests/DIGEST
///  layers, top first: GET /v2/NAME/blobs/DIGEST ──(gunzip)──tar──▶ disk/FILE ──▶ BlobWriter
///                     (the whole layer is read and its digest and size checked before the disk is kept)
/// </code>
/// An unchanged manifest digest with the disk still cached downloads nothing.
/// </summary>
internal sealed class OciDiskSource(HttpClient http, DiskImageStoreOptions options, TimeProvider time)
{
    private readonly RegistryClient _registry = new(http, options);

    public async Task<DownloadResult> DownloadAsync(DiskImageReference reference, ReferenceRecord? previous, BlobWriter writer,
        ProgressMeter progress, CancellationToken cancellationToken)
    {
        OciReference image = reference.Oci!;
        (OciManifest manifest, string digest) = await _registry.GetManifestAsync(image, image.ManifestReference, cancellationToken).ConfigureAwait(false);
        if (manifest.IsIndex)
        {
            OciDescriptor chosen;
            try
            {
                chosen = OciManifestReader.SelectPlatform(manifest, options.Os, options.Architecture);
            }
            catch (FormatException error)
            {
                throw new DiskImagePullException(reference.Key, error.Message, error);
            }

            (manifest, digest) = await _registry.GetManifestAsync(image, chosen.Digest, cancellationToken).ConfigureAwait(false);
            if (manifest.IsIndex)
            {
                throw new DiskImagePullException(reference.Key, $"index entry {chosen.Digest} is itself an index");
            }
        }

        DateTimeOffset now = time.GetUtcNow();
        if (previous?.ManifestDigest == digest)
        {
            return new DownloadResult(NotModified: true, previous with { PulledAt = now });
        }

        progress.Total = 0;
        foreach (OciDescriptor layer in manifest.Layers.Reverse())
        {
            progress.Total += layer.Size;
            if (await ExtractLayerAsync(reference, image, layer, writer, progress, cancellationToken).ConfigureAwait(false))
            {
                return new DownloadResult(NotModified: false, new ReferenceRecord(reference.Key, now, ManifestDigest: digest));
            }
        }

        throw new DiskImagePullException(reference.Key, $"no layer of manifest {digest} holds a disk/<file> (KubeVirt containerDisk layout)");
    }

    private async Task<bool> ExtractLayerAsync(DiskImageReference reference, OciReference image, OciDescriptor layer, BlobWriter writer,
        ProgressMeter progress, CancellationToken cancellationToken)
    {
        bool gzip;
        try
        {
            gzip = OciMediaTypes.IsGzipLayer(layer.MediaType);
        }
        catch (NotSupportedException error)
        {
            throw new DiskImagePullException(reference.Key, error.Message, error);
        }

        progress.Report(ImagePullPhase.Downloading);
        using HttpResponseMessage response = await _registry.GetBlobAsync(image, layer.Digest, cancellationToken).ConfigureAwait(false);
        Stream body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using var digesting = new DigestingStream(body, layer.Size, options.ReadIdleTimeout, time, progress);
        string? disk;
        string actual;
        try
        {
            disk = await ContainerDiskExtractor.ExtractAsync(digesting, gzip, writer, cancellationToken).ConfigureAwait(false);
            actual = await digesting.FinishAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception error) when (error is InvalidDataException or FormatException)
        {
            throw new DiskImagePullException(reference.Key, $"layer {layer.Digest}: {error.Message}", error);
        }

        if (actual != layer.Digest || digesting.BytesRead != layer.Size)
        {
            throw new DiskImagePullException(reference.Key,
                $"layer {layer.Digest}: received {digesting.BytesRead} bytes with digest {actual}, expected {layer.Size} bytes");
        }

        return disk is not null;
    }
}
