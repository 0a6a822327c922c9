using System.Text;
using Ursa.Runtimes.Qemu.Images;

namespace Ursa.UnitTests.Runtimes.Qemu.Images;

public sealed class OciManifestReaderTests
{
    private const string A = "sha256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
    private const string B = "sha256:bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb";
    private const string C = "sha256:cccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc";

    private static string Index(params (string Digest, string Os, string Arch)[] entries) =>
        "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.index.v1+json\",\"manifests\":[" +
        string.Join(',', entries.Select(e => "{\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"digest\":\"" + e.Digest +
            "\",\"size\":500,\"platform\":{\"os\":\"" + e.Os + "\",\"architecture\":\"" + e.Arch + "\"}}")) + "]}";

    [Theory]
    [InlineData("linux", "amd64", B)]
    [InlineData("linux", "arm64", A)]
    [InlineData("linux", "s390x", C)]
    public void SelectPlatform_Index_PicksOsAndArchitecture(string os, string arch, string expected)
    {
        OciManifest index = OciManifestReader.Parse(Encoding.UTF8.GetBytes(Index((A, "linux", "arm64"), (B, "linux", "amd64"), (C, "linux", "s390x"))), null);

        Assert.True(index.IsIndex);
        Assert.Equal(expected, OciManifestReader.SelectPlatform(index, os, arch).Digest);
    }

    [Fact]
    public void SelectPlatform_NoMatch_ThrowsListingPlatforms()
    {
        OciManifest index = OciManifestReader.Parse(Encoding.UTF8.GetBytes(Index((A, "linux", "arm64"), (B, "windows", "amd64"))), null);

        FormatException error = Assert.Throws<FormatException>(() => OciManifestReader.SelectPlatform(index, "linux", "amd64"));
        Assert.Contains("linux/arm64, windows/amd64", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SelectPlatform_SingleEntryWithoutPlatform_TakesIt()
    {
        string json = "{\"manifests\":[{\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"digest\":\"" + A + "\",\"size\":5}]}";
        OciManifest index = OciManifestReader.Parse(Encoding.UTF8.GetBytes(json), null);

        Assert.Equal(A, OciManifestReader.SelectPlatform(index, "linux", "amd64").Digest);
    }

    [Fact]
    public void Parse_DockerManifestByContentType_LayersInOrder()
    {
        string json = "{\"schemaVersion\":2,\"config\":{\"mediaType\":\"application/vnd.docker.container.image.v1+json\",\"digest\":\"" + C + "\",\"size\":7}," +
            "\"layers\":[{\"mediaType\":\"application/vnd.docker.image.rootfs.diff.tar.gzip\",\"digest\":\"" + A + "\",\"size\":10}," +
            "{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar\",\"digest\":\"" + B + "\",\"size\":20}]}";

        OciManifest manifest = OciManifestReader.Parse(Encoding.UTF8.GetBytes(json), "application/vnd.docker.distribution.manifest.v2+json");

        Assert.False(manifest.IsIndex);
        Assert.Equal([A, B], manifest.Layers.Select(l => l.Digest));
        Assert.Equal([10L, 20L], manifest.Layers.Select(l => l.Size));
        Assert.True(OciMediaTypes.IsGzipLayer(manifest.Layers[0].MediaType));
        Assert.False(OciMediaTypes.IsGzipLayer(manifest.Layers[1].MediaType));
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("[]")]
    [InlineData("{\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\"}")]
    [InlineData("{\"mediaType\":\"application/vnd.docker.distribution.manifest.v1+json\",\"layers\":[]}")]
    [InlineData("{\"layers\":[{\"mediaType\":\"x\",\"digest\":\"sha256:abc\",\"size\":1}]}")]
    [InlineData("{\"layers\":[{\"mediaType\":\"x\",\"digest\":\"" + A + "\"}]}")]
    public void Parse_Malformed_Throws(string json) =>
        Assert.Throws<FormatException>(() => OciManifestReader.Parse(Encoding.UTF8.GetBytes(json), null));

    [Fact]
    public void IsGzipLayer_Zstd_NotSupported() =>
        Assert.Throws<NotSupportedException>(() => OciMediaTypes.IsGzipLayer("application/vnd.oci.image.layer.v1.tar+zstd"));
}
