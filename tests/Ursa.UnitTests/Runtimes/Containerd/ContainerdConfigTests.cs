using System.Text.RegularExpressions;
using Ursa.Runtimes.Containerd;

namespace Ursa.UnitTests.Runtimes.Containerd;

public sealed partial class ContainerdConfigTests
{
    public static TheoryData<string, string, string> Lines => new()
    {
        // data directory, sandbox image, a line the config must contain
        { "/var/lib/ursa/containerd", "ursa.local/pause:latest", "version = 2" },
        { "/var/lib/ursa/containerd", "ursa.local/pause:latest", "root = \"/var/lib/ursa/containerd/root\"" },
        { "/var/lib/ursa/containerd", "ursa.local/pause:latest", "state = \"/var/lib/ursa/containerd/state\"" },
        { "/var/lib/ursa/containerd", "ursa.local/pause:latest", "  address = \"/var/lib/ursa/containerd/containerd.sock\"" },
        { "/var/lib/ursa/containerd", "ursa.local/pause:latest", "  sandbox_image = \"ursa.local/pause:latest\"" },
        { "/d", "example.test/pause:3.9", "  sandbox_image = \"example.test/pause:3.9\"" },
        { "/d", "ursa.local/pause:latest", "  restrict_oom_score_adj = true" },
        { "/d", "ursa.local/pause:latest", "  disable_apparmor = true" },
        { "/d", "ursa.local/pause:latest", "  netns_mounts_under_state_dir = true" },
        { "/d", "ursa.local/pause:latest", "  stream_server_address = \"127.0.0.1\"" },
        { "/d", "ursa.local/pause:latest", "  stream_server_port = \"0\"" },
        { "/d", "ursa.local/pause:latest", "    snapshotter = \"overlayfs\"" },
        { "/d", "ursa.local/pause:latest", "      runtime_type = \"io.containerd.runc.v2\"" },
        { "/d", "ursa.local/pause:latest", "        SystemdCgroup = false" },
        { "/d", "ursa.local/pause:latest", "    bin_dir = \"/usr/lib/cni\"" },
        { "/d", "ursa.local/pause:latest", "    conf_dir = \"/d/cni\"" },
        { "/d", "ursa.local/pause:latest", "    config_path = \"/d/certs.d\"" },
        { "/d", "ursa.local/pause:latest", "  path = \"/d/opt\"" },
    };

    [Theory]
    [MemberData(nameof(Lines))]
    public void Render_Options_ContainsLine(string dataDirectory, string sandboxImage, string line)
    {
        var options = new ContainerdOptions { DataDirectory = dataDirectory, SandboxImage = sandboxImage };

        string[] lines = ContainerdConfig.Render(options).Split('\n');

        Assert.Contains(line, lines);
    }

    [Fact]
    public void Render_Defaults_EveryTableHeaderOnce()
    {
        string toml = ContainerdConfig.Render(new ContainerdOptions());

        string[] headers = [.. TableHeader().Matches(toml).Select(m => m.Value.Trim())];
        Assert.Equal(headers.Length, headers.Distinct(StringComparer.Ordinal).Count());
        Assert.Contains("[plugins.\"io.containerd.grpc.v1.cri\".containerd.runtimes.runc.options]", headers);
    }

    [Fact]
    public void Render_Defaults_NoRegistryMirrorsTable()
    {
        // containerd 1.6 refuses `mirrors` beside `config_path`; the hosts directory carries the mapping.
        Assert.DoesNotContain("mirrors", ContainerdConfig.Render(new ContainerdOptions()), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/data/with\"quote", "root = \"/data/with\\\"quote/root\"")]
    [InlineData("/data/with\\slash", "root = \"/data/with\\\\slash/root\"")]
    public void Render_PathNeedsEscaping_QuotedAsTomlBasicString(string dataDirectory, string line)
    {
        string toml = ContainerdConfig.Render(new ContainerdOptions { DataDirectory = dataDirectory });

        Assert.Contains(line, toml.Split('\n'));
    }

    [Theory]
    [InlineData("ursa.local", 5000, "/d/certs.d/ursa.local/hosts.toml", "server = \"http://127.0.0.1:5000\"", "[host.\"http://127.0.0.1:5000\"]")]
    [InlineData("registry.ursa.test", 5123, "/d/certs.d/registry.ursa.test/hosts.toml", "server = \"http://127.0.0.1:5123\"", "[host.\"http://127.0.0.1:5123\"]")]
    public void RenderRegistryHosts_HostAndPort_PlainHttpToLoopback(string host, int port, string path, string server, string table)
    {
        var options = new ContainerdOptions { DataDirectory = "/d", RegistryHost = host, RegistryPort = port };

        string[] lines = ContainerdConfig.RenderRegistryHosts(options).Split('\n');

        Assert.Equal(path, ContainerdConfig.RegistryHostsPath(options));
        Assert.Contains(server, lines);
        Assert.Contains(table, lines);
        Assert.Contains("  capabilities = [\"pull\", \"resolve\", \"push\"]", lines);
    }

    [GeneratedRegex(@"^\s*\[[^\n]+\]\s*$", RegexOptions.Multiline)]
    private static partial Regex TableHeader();
}
