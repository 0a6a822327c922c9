using Ursa.Runtimes.Qemu.Images;

namespace Ursa.UnitTests.Runtimes.Qemu.Images;

public sealed class OciReferenceTests
{
    private const string Digest = "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    [Theory]
    [InlineData("busybox", "docker.io", "library/busybox", "latest", null)]
    [InlineData("kubevirt/fedora-cloud-container-disk-demo:v1", "docker.io", "kubevirt/fedora-cloud-container-disk-demo", "v1", null)]
    [InlineData("ursa.local/guest/busybox:latest", "ursa.local", "guest/busybox", "latest", null)]
    [InlineData("ursa.local/guest/busybox", "ursa.local", "guest/busybox", "latest", null)]
    [InlineData("127.0.0.1:5000/disk", "127.0.0.1:5000", "disk", "latest", null)]
    [InlineData("localhost/a/b/c:1.0-rc_1", "localhost", "a/b/c", "1.0-rc_1", null)]
    [InlineData("quay.io/containerdisks/fedora@" + Digest, "quay.io", "containerdisks/fedora", null, Digest)]
    [InlineData("quay.io/containerdisks/fedora:39@" + Digest, "quay.io", "containerdisks/fedora", "39", Digest)]
    public void TryParse_ValidReference_Normalized(string text, string registry, string repository, string? tag, string? digest)
    {
        Assert.True(OciReference.TryParse(text, out OciReference? reference));

        Assert.Equal(new OciReference(registry, repository, tag, digest), reference);
        Assert.Equal(digest ?? tag, reference!.ManifestReference);
    }

    [Theory]
    [InlineData("busybox", "docker.io/library/busybox:latest")]
    [InlineData("ursa.local/guest/busybox", "ursa.local/guest/busybox:latest")]
    [InlineData("quay.io/x@" + Digest, "quay.io/x@" + Digest)]
    public void ToString_Normalized_CanonicalForm(string text, string canonical)
    {
        Assert.True(OciReference.TryParse(text, out OciReference? reference));

        Assert.Equal(canonical, reference!.ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("UPPER/case")]
    [InlineData("ursa.local/guest/busybox:")]
    [InlineData("ursa.local/guest/busybox:bad/tag")]
    [InlineData("ursa.local/x@sha256:abc")]
    [InlineData("ursa.local/x@md5:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef")]
    [InlineData("http://ursa.local/x")]
    [InlineData("ursa.local//x")]
    [InlineData("ursa.local/x y")]
    public void TryParse_Invalid_False(string text)
    {
        Assert.False(OciReference.TryParse(text, out OciReference? reference));
        Assert.Null(reference);
    }
}
