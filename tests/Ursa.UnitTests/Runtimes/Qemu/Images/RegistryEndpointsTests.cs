using Ursa.Runtimes.Qemu.Images;

namespace Ursa.UnitTests.Runtimes.Qemu.Images;

public sealed class RegistryEndpointsTests
{
    [Theory]
    [InlineData("ursa.local", "ursa.local=127.0.0.1:5000", "http://127.0.0.1:5000/")]
    [InlineData("ursa.local", "ursa.local=http://127.0.0.1:5000/", "http://127.0.0.1:5000/")]
    [InlineData("URSA.local", "ursa.local=https://mirror.test", "https://mirror.test/")]
    [InlineData("ursa.local", "ursa.local=mirror.test:5000", "https://mirror.test:5000/")]
    [InlineData("docker.io", "", "https://registry-1.docker.io/")]
    [InlineData("quay.io", "ursa.local=127.0.0.1:5000", "https://quay.io/")]
    [InlineData("127.0.0.1:5000", "", "http://127.0.0.1:5000/")]
    [InlineData("localhost:5000", "", "http://localhost:5000/")]
    [InlineData("[::1]:5000", "", "http://[::1]:5000/")]
    public void Resolve_HostAndMirrors_Endpoint(string registry, string mirror, string expected)
    {
        var mirrors = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (mirror.Length > 0)
        {
            string[] pair = mirror.Split('=', 2);
            mirrors[pair[0]] = pair[1];
        }

        Assert.Equal(expected, RegistryEndpoints.Resolve(registry, mirrors).AbsoluteUri);
    }

    [Theory]
    [InlineData("ftp://127.0.0.1:5000")]
    [InlineData("http://")]
    public void ParseEndpoint_NotHttp_Throws(string endpoint) =>
        Assert.Throws<ArgumentException>(() => RegistryEndpoints.ParseEndpoint("ursa.local", endpoint));

    [Fact]
    public void Validate_BadMirror_Throws()
    {
        var options = new DiskImageStoreOptions { Root = "/var/lib/ursa/vm-images" };
        options.Mirrors["ursa.local"] = "ftp://127.0.0.1";

        Assert.Throws<ArgumentException>(options.Validate);
    }
}
