namespace Ursa.Runtimes.Qemu.Images;

/// <summary>The OCI and Docker v2 media types a containerDisk pull understands.</summary>
internal static class OciMediaTypes
{
    public const string OciManifest = "application/vnd.oci.image.manifest.v1+json";
    public const string OciIndex = "application/vnd.oci.image.index.v1+json";
    public const string DockerManifest = "application/vnd.docker.distribution.manifest.v2+json";
    public const string DockerManifestList = "application/vnd.docker.distribution.manifest.list.v2+json";
    public const string OciLayerTar = "application/vnd.oci.image.layer.v1.tar";
    public const string OciLayerGzip = "application/vnd.oci.image.layer.v1.tar+gzip";
    public const string DockerLayerGzip = "application/vnd.docker.image.rootfs.diff.tar.gzip";

    /// <summary>The Accept header of a manifest request: every manifest and index type above.</summary>
    public static readonly string[] ManifestAccept = [OciManifest, OciIndex, DockerManifest, DockerManifestList];

    public static bool IsIndex(string mediaType) => mediaType is OciIndex or DockerManifestList;

    public static bool IsManifest(string mediaType) => mediaType is OciManifest or DockerManifest;

    /// <summary>Whether a layer of <paramref name="mediaType"/> is gzip-compressed; throws for what cannot be read
    /// (zstd, foreign or encrypted layers).</summary>
    public static bool IsGzipLayer(string mediaType) => mediaType switch
    {
        OciLayerGzip or DockerLayerGzip => true,
        OciLayerTar or "application/vnd.docker.image.rootfs.diff.tar" => false,
        _ => throw new NotSupportedException($"layer media type '{mediaType}' is not supported (only tar and tar+gzip)"),
    };
}
