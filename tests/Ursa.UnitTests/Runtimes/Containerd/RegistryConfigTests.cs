using Ursa.Runtimes.Containerd;

namespace Ursa.UnitTests.Runtimes.Containerd;

public sealed class RegistryConfigTests
{
    [Theory]
    [InlineData("/var/lib/ursa/containerd", 5000, "  addr: \"127.0.0.1:5000\"", "    rootdirectory: \"/var/lib/ursa/containerd/registry/storage\"")]
    [InlineData("/tmp/u", 5999, "  addr: \"127.0.0.1:5999\"", "    rootdirectory: \"/tmp/u/registry/storage\"")]
    public void Render_Options_LoopbackAndStorageUnderDataDirectory(string dataDirectory, int port, string addr, string storage)
    {
        var options = new ContainerdOptions { DataDirectory = dataDirectory, RegistryPort = port };

        string[] lines = RegistryConfig.Render(options).Split('\n');

        Assert.Contains(addr, lines);
        Assert.Contains(storage, lines);
        Assert.Contains("version: 0.1", lines);
        Assert.DoesNotContain(lines, l => l.StartsWith("auth", StringComparison.Ordinal));
        Assert.Equal(Path.Combine(dataDirectory, "registry", "config.yml"), RegistryConfig.ConfigPath(options));
    }
}
