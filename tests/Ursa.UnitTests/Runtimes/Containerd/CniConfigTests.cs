using System.Text.Json;
using Ursa.Runtimes.Containerd;

namespace Ursa.UnitTests.Runtimes.Containerd;

public sealed class CniConfigTests
{
    [Theory]
    [InlineData("10.88.0.0/16", "ursabr0", "/var/lib/ursa/containerd")]
    [InlineData("10.244.0.0/16", "br-test", "/tmp/u")]
    [InlineData("172.20.0.0/24", "b0", "/d")]
    [InlineData("192.168.50.0/24", "ursabr0", "/d")]
    public void RenderBridge_Subnet_BridgeWithSubnetRouteOnly(string subnet, string bridgeName, string dataDirectory)
    {
        var options = new ContainerdOptions { PodSubnet = subnet, BridgeName = bridgeName, DataDirectory = dataDirectory };

        using JsonDocument document = JsonDocument.Parse(CniConfig.RenderBridge(options));

        JsonElement root = document.RootElement;
        Assert.Equal("1.0.0", root.GetProperty("cniVersion").GetString());
        Assert.Equal(CniConfig.NetworkName, root.GetProperty("name").GetString());
        JsonElement bridge = Assert.Single(root.GetProperty("plugins").EnumerateArray());
        Assert.Equal("bridge", bridge.GetProperty("type").GetString());
        Assert.Equal(bridgeName, bridge.GetProperty("bridge").GetString());
        Assert.False(bridge.GetProperty("ipMasq").GetBoolean());
        Assert.True(bridge.GetProperty("isGateway").GetBoolean());
        Assert.False(bridge.GetProperty("isDefaultGateway").GetBoolean());
        JsonElement ipam = bridge.GetProperty("ipam");
        Assert.Equal("host-local", ipam.GetProperty("type").GetString());
        Assert.Equal(Path.Combine(dataDirectory, "cni-ipam"), ipam.GetProperty("dataDir").GetString());
        JsonElement range = Assert.Single(Assert.Single(ipam.GetProperty("ranges").EnumerateArray()).EnumerateArray());
        Assert.Equal(subnet, range.GetProperty("subnet").GetString());
        JsonElement route = Assert.Single(ipam.GetProperty("routes").EnumerateArray());
        Assert.Equal(subnet, route.GetProperty("dst").GetString());
        Assert.False(route.TryGetProperty("gw", out _));
    }

    [Fact]
    public void RenderBridge_Defaults_NoDefaultRouteAnywhere()
    {
        string json = CniConfig.RenderBridge(new ContainerdOptions());

        Assert.DoesNotContain("0.0.0.0/0", json, StringComparison.Ordinal);
        Assert.DoesNotContain("\"ipMasq\": true", json, StringComparison.Ordinal);
    }

    [Fact]
    public void RenderBridge_SameOptions_SameText()
    {
        Assert.Equal(CniConfig.RenderBridge(new ContainerdOptions()), CniConfig.RenderBridge(new ContainerdOptions()));
    }
}
