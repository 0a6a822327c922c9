using Ursa.Runtimes.Containerd;

namespace Ursa.UnitTests.Runtimes.Containerd;

public sealed class ContainerdOptionsTests
{
    [Fact]
    public void Validate_Defaults_Pass()
    {
        new ContainerdOptions().Validate();
    }

    public static TheoryData<string, Action<ContainerdOptions>> Invalid => new()
    {
        { "DataDirectory", o => o.DataDirectory = "relative/dir" },
        { "DataDirectory", o => o.DataDirectory = "/has:colon" },
        { "DataDirectory", o => o.DataDirectory = "/" + new string('d', 100) },
        { "NetworkNamespace", o => o.NetworkNamespace = "bad/name" },
        { "NetworkNamespace", o => o.NetworkNamespace = "" },
        { "BridgeName", o => o.BridgeName = "a-very-long-bridge" },
        { "PodSubnet", o => o.PodSubnet = "8.8.0.0/16" },
        { "PodSubnet", o => o.PodSubnet = "10.88.0.1/16" },
        { "PodSubnet", o => o.PodSubnet = "10.88.0.0/30" },
        { "PodSubnet", o => o.PodSubnet = "172.32.0.0/16" },
        { "PodSubnet", o => o.PodSubnet = "172.0.0.0/8" },
        { "PodSubnet", o => o.PodSubnet = "fd00::/64" },
        { "PodSubnet", o => o.PodSubnet = "not a cidr" },
        { "RegistryHost", o => o.RegistryHost = "localhost" },
        { "RegistryPort", o => o.RegistryPort = 0 },
        { "RegistryPort", o => o.RegistryPort = 70000 },
        { "StartTimeout", o => o.StartTimeout = TimeSpan.Zero },
        { "StopGracePeriod", o => o.StopGracePeriod = TimeSpan.FromSeconds(-1) },
        { "Containerd", o => o.Tools.Containerd = "containerd" },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Validate_BadValue_ThrowsNamingIt(string parameter, Action<ContainerdOptions> spoil)
    {
        var options = new ContainerdOptions();
        spoil(options);

        ArgumentException error = Assert.ThrowsAny<ArgumentException>(options.Validate);

        Assert.Equal(parameter, error.ParamName);
    }

    [Theory]
    [InlineData("10.88.0.0/16", "10.88.0.0", 16)]
    [InlineData("172.16.0.0/12", "172.16.0.0", 12)]
    [InlineData("192.168.7.0/24", "192.168.7.0", 24)]
    [InlineData("10.0.0.0/8", "10.0.0.0", 8)]
    public void ParsePodSubnet_PrivateCidr_NetworkAndPrefix(string cidr, string network, int prefix)
    {
        (System.Net.IPAddress address, int length) = ContainerdOptions.ParsePodSubnet(cidr);

        Assert.Equal(network, address.ToString());
        Assert.Equal(prefix, length);
    }

    [Fact]
    public void DerivedPaths_AllUnderDataDirectory()
    {
        var options = new ContainerdOptions { DataDirectory = "/d" };

        string[] paths = [options.ConfigPath, options.SocketPath, options.RootDirectory, options.StateDirectory, options.CniConfigDirectory,
            options.RegistryHostsDirectory, options.RegistryDirectory, options.ImagesDirectory, options.LogDirectory, options.RunDirectory];

        Assert.All(paths, p => Assert.StartsWith("/d/", p, StringComparison.Ordinal));
        Assert.Equal(paths.Length, paths.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal("127.0.0.1:5000", options.RegistryAddress);
        Assert.Equal("/var/run/netns/ursa0", options.NetworkNamespacePath);
    }
}
