using Ursa.Runtimes.Qemu.Images;

namespace Ursa.UnitTests.Runtimes.Qemu.Images;

public sealed class DiskImageReferenceTests
{
    [Fact]
    public void Parse_HttpUrl_KeyIsUrlAsGiven()
    {
        DiskImageReference reference = DiskImageReference.Parse("http://127.0.0.1:8080/images/disk.qcow2?v=2");

        Assert.Equal("http://127.0.0.1:8080/images/disk.qcow2?v=2", reference.Key);
        Assert.Equal(new Uri("http://127.0.0.1:8080/images/disk.qcow2?v=2"), reference.Url);
        Assert.Null(reference.PinnedDigest);
        Assert.Null(reference.Oci);
    }

    [Fact]
    public void Parse_UrlWithDigestFragment_PinsContentAndDropsFragmentFromRequest()
    {
        DiskImageReference reference = DiskImageReference.Parse("https://example.test/disk.img#sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef");

        Assert.Equal("sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", reference.PinnedDigest);
        Assert.Equal("https://example.test/disk.img", reference.Url!.AbsoluteUri);
        Assert.Equal("https://example.test/disk.img#sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", reference.Key);
    }

    [Theory]
    [InlineData("https://example.test/disk.img#latest")]
    [InlineData("https://example.test/disk.img#sha256:ABC")]
    [InlineData("http://")]
    [InlineData("ftp://example.test/disk.img")]
    [InlineData("Not A Reference")]
    public void Parse_Invalid_Throws(string text) =>
        Assert.Throws<ArgumentException>(() => DiskImageReference.Parse(text));

    [Fact]
    public void Parse_OciReference_KeyIsNormalizedReference()
    {
        DiskImageReference reference = DiskImageReference.Parse("ursa.local/guest/busybox");

        Assert.Equal("ursa.local/guest/busybox:latest", reference.Key);
        Assert.Equal("guest/busybox", reference.Oci!.Repository);
        Assert.Null(reference.Url);
    }
}
