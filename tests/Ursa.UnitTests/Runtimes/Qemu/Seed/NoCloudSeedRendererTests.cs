using System.Text;
using Ursa.Runtimes.Qemu.Seed;

namespace Ursa.UnitTests.Runtimes.Qemu.Seed;

public sealed class NoCloudSeedRendererTests
{
    private const string Key = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIJ8 user@host";

    [Fact]
    public void Render_Full_MetaDataNetworkConfigAndEnv()
    {
        var seed = new NoCloudSeed("pod-uid-1", "vm-1", SshPublicKeys: [Key, " ssh-rsa AAAAB3 other "],
            Network: new SeedNetwork("52:54:00:AB:CD:EF", "10.88.0.5/16", "10.88.0.1", ["10.88.0.1"]));

        SeedFiles files = NoCloudSeedRenderer.Render(seed);

        Assert.Equal(
            "instance-id: \"pod-uid-1\"\n" +
            "local-hostname: \"vm-1\"\n" +
            "public-keys:\n" +
            "  - \"" + Key + "\"\n" +
            "  - \"ssh-rsa AAAAB3 other\"\n", files.MetaData);
        Assert.Equal(
            "version: 2\n" +
            "ethernets:\n" +
            "  \"eth0\":\n" +
            "    match:\n" +
            "      macaddress: \"52:54:00:ab:cd:ef\"\n" +
            "    addresses:\n" +
            "      - \"10.88.0.5/16\"\n" +
            "    routes:\n" +
            "      - to: \"0.0.0.0/0\"\n" +
            "        via: \"10.88.0.1\"\n" +
            "    nameservers:\n" +
            "      addresses:\n" +
            "        - \"10.88.0.1\"\n", files.NetworkConfig);
        Assert.Equal(
            "# Written by Ursa: the VM's pod network, for guests without cloud-init (sh-sourceable).\n" +
            "URSA_HOSTNAME=vm-1\n" +
            "URSA_MAC=52:54:00:ab:cd:ef\n" +
            "URSA_IP=10.88.0.5/16\n" +
            "URSA_GATEWAY=10.88.0.1\n" +
            "URSA_DNS='10.88.0.1'\n", files.UrsaNetworkEnv);
        Assert.Equal(["meta-data", "user-data", "network-config", "ursa-network.env"], files.ToFiles().Select(f => f.Key));
    }

    [Fact]
    public void Render_NoNetwork_NoNetworkConfigAndHostnameOnlyEnv()
    {
        SeedFiles files = NoCloudSeedRenderer.Render(new NoCloudSeed("i", "vm"));

        Assert.Null(files.NetworkConfig);
        Assert.EndsWith("URSA_HOSTNAME=vm\n", files.UrsaNetworkEnv, StringComparison.Ordinal);
        Assert.Equal("instance-id: \"i\"\nlocal-hostname: \"vm\"\n", files.MetaData);
        Assert.Equal("#cloud-config\n", Encoding.UTF8.GetString(files.UserData));
        Assert.Equal(["meta-data", "user-data", "ursa-network.env"], files.ToFiles().Select(f => f.Key));
    }

    [Theory]
    [InlineData(null, null, "    dhcp4: true\n", "URSA_MAC=52:54:00:00:00:01\n")]
    [InlineData("fd00::5/64", "fd00::1", "    routes:\n      - to: \"::/0\"\n        via: \"fd00::1\"\n", "URSA_IP=fd00::5/64\nURSA_GATEWAY=fd00::1\n")]
    [InlineData("10.0.0.2/24", null, "    addresses:\n      - \"10.0.0.2/24\"\n", "URSA_IP=10.0.0.2/24\n")]
    public void Render_NetworkVariants(string? address, string? gateway, string yamlPart, string envPart)
    {
        SeedFiles files = NoCloudSeedRenderer.Render(new NoCloudSeed("i", "vm", Network: new SeedNetwork("52:54:00:00:00:01", address, gateway)));

        Assert.Contains(yamlPart, files.NetworkConfig, StringComparison.Ordinal);
        Assert.Contains(envPart, files.UrsaNetworkEnv, StringComparison.Ordinal);
        Assert.DoesNotContain("gateway4", files.NetworkConfig, StringComparison.Ordinal);
        Assert.Equal(gateway is not null, files.NetworkConfig!.Contains("routes:", StringComparison.Ordinal));
    }

    [Fact]
    public void Render_QuotesAndNewlinesInInstanceId_StayInsideTheScalar()
    {
        SeedFiles files = NoCloudSeedRenderer.Render(new NoCloudSeed("a\"b\\c", "vm"));

        Assert.StartsWith("instance-id: \"a\\\"b\\\\c\"\n", files.MetaData, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("i", "bad_host!", null, null)]
    [InlineData("i", "-vm", null, null)]
    [InlineData("i", "vm", "52:54:00:00:00", null)]
    [InlineData("i", "vm", "52:54:00:00:00:01", "10.88.0.5")]
    [InlineData("i", "vm", "52:54:00:00:00:01", "10.88.0.5/33")]
    [InlineData("i", "vm", "52:54:00:00:00:01", "10.88.0.5/16; reboot")]
    [InlineData("a\nb", "vm", null, null)]
    [InlineData(" ", "vm", null, null)]
    public void Render_Malformed_Throws(string instanceId, string hostname, string? mac, string? address)
    {
        var seed = new NoCloudSeed(instanceId, hostname, Network: mac is null ? null : new SeedNetwork(mac, address, null));

        Assert.ThrowsAny<ArgumentException>(() => NoCloudSeedRenderer.Render(seed));
    }

    [Fact]
    public void Render_MultilineKey_Throws() =>
        Assert.Throws<ArgumentException>(() => NoCloudSeedRenderer.Render(new NoCloudSeed("i", "vm", SshPublicKeys: ["ssh-rsa A\nruncmd"])));

    [Fact]
    public void Render_BadGateway_Throws() =>
        Assert.Throws<ArgumentException>(() => NoCloudSeedRenderer.Render(
            new NoCloudSeed("i", "vm", Network: new SeedNetwork("52:54:00:00:00:01", "10.0.0.2/24", "10.0.0.1\nx"))));
}
