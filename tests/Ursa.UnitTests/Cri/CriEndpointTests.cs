using Ursa.Cri.Internal;

namespace Ursa.UnitTests.Cri;

public sealed class CriEndpointTests
{
    [Theory]
    [InlineData("unix:///run/containerd/containerd.sock", "/run/containerd/containerd.sock")]
    [InlineData("/run/containerd/containerd.sock", "/run/containerd/containerd.sock")]
    [InlineData("unix:///var/lib/ursa/../ursa/containerd.sock", "/var/lib/ursa/containerd.sock")]
    public void Parse_UnixUrlOrPath_UnixTargetWithAbsolutePath(string endpoint, string path)
    {
        Uri target = CriEndpoint.Parse(endpoint);

        Assert.Equal(("unix", path), (target.Scheme, target.AbsolutePath));
    }

    [Fact]
    public void Parse_RelativePath_ResolvedAgainstWorkingDirectory()
    {
        Uri target = CriEndpoint.Parse("run/c.sock");

        Assert.Equal(Path.Combine(Environment.CurrentDirectory, "run/c.sock"), target.AbsolutePath);
    }

    [Theory]
    [InlineData("http://127.0.0.1:10010")]
    [InlineData("unix://")]
    [InlineData(" ")]
    public void Parse_NotAUnixSocket_Throws(string endpoint) =>
        Assert.ThrowsAny<ArgumentException>(() => CriEndpoint.Parse(endpoint));
}
