using System.Text;
using Ursa.IntegrationTests.Infrastructure;
using Ursa.Runtimes.Qemu;
using Ursa.Runtimes.Qemu.Seed;

namespace Ursa.IntegrationTests.Runtimes.Qemu;

/// <summary>The NoCloud seed written by the real genisoimage, read back with isoinfo.</summary>
public sealed class SeedIsoTests : IDisposable
{
    private readonly TestDirectory _dir = new("vm-seed");

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Build_CidataVolumeWithEveryFileByItsRockRidgeName()
    {
        var seed = new NoCloudSeed("9f1c-uid", "vm-1", Encoding.UTF8.GetBytes("#cloud-config\nruncmd:\n  - touch /tmp/a\n"), "echo hello > /tmp/b",
            ["ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIJ8 user@host"], new SeedNetwork("52:54:00:12:34:56", "10.88.0.5/16", "10.88.0.1"));
        string iso = Path.Combine(_dir.Path, "vm-1", "seed.iso");
        var builder = new GenisoimageSeedBuilder(ProcessCommandRunner.Instance);

        await builder.BuildAsync(seed, iso, CancellationToken.None);

        string volume = (await ProcessRunner.RunAsync("/usr/bin/isoinfo", ["-d", "-i", iso])).EnsureSuccess("isoinfo -d").Stdout;
        Assert.Contains("Volume id: cidata", volume.Split('\n'));
        Assert.Contains("Rock Ridge signatures version 1 found", volume, StringComparison.Ordinal);
        Assert.Contains("Joliet with UCS level 3 found", volume, StringComparison.Ordinal);
        string[] files = (await ProcessRunner.RunAsync("/usr/bin/isoinfo", ["-R", "-f", "-i", iso])).EnsureSuccess("isoinfo -f").Stdout
            .Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(["/meta-data", "/network-config", "/ursa-network.env", "/user-data"], files.Order(StringComparer.Ordinal));
        SeedFiles expected = NoCloudSeedRenderer.Render(seed);
        foreach ((string name, byte[] content) in expected.ToFiles())
        {
            string extracted = (await ProcessRunner.RunAsync("/usr/bin/isoinfo", ["-R", "-i", iso, "-x", "/" + name])).EnsureSuccess("isoinfo -x").Stdout;
            Assert.Equal(Encoding.UTF8.GetString(content), extracted);
        }

        Assert.Contains("Content-Type: multipart/mixed", Encoding.UTF8.GetString(expected.UserData), StringComparison.Ordinal);
        Assert.Equal([iso], Directory.GetFileSystemEntries(Path.GetDirectoryName(iso)!));

        // Rebuilt in place (a changed seed on the next start) without leftovers.
        await builder.BuildAsync(seed with { Hostname = "vm-2" }, iso, CancellationToken.None);
        string env = (await ProcessRunner.RunAsync("/usr/bin/isoinfo", ["-R", "-i", iso, "-x", "/ursa-network.env"])).EnsureSuccess("isoinfo -x").Stdout;
        Assert.Contains("URSA_HOSTNAME=vm-2\n", env, StringComparison.Ordinal);
        Assert.Equal([iso], Directory.GetFileSystemEntries(Path.GetDirectoryName(iso)!));
    }

    [Fact]
    public async Task Build_EnvFileSourcedByAShell_GivesTheNetwork()
    {
        var seed = new NoCloudSeed("i", "guest", Network: new SeedNetwork("52:54:00:aa:bb:cc", "10.88.0.7/16", "10.88.0.1", ["10.88.0.1", "10.88.0.2"]));
        string env = Path.Combine(_dir.Path, "ursa-network.env");
        await File.WriteAllTextAsync(env, NoCloudSeedRenderer.Render(seed).UrsaNetworkEnv);

        string output = (await ProcessRunner.RunAsync("/bin/sh", ["-c", ". \"$0\" && echo \"$URSA_MAC|$URSA_IP|$URSA_GATEWAY|$URSA_HOSTNAME|$URSA_DNS\"", env]))
            .EnsureSuccess("sh").Stdout;

        Assert.Equal("52:54:00:aa:bb:cc|10.88.0.7/16|10.88.0.1|guest|10.88.0.1 10.88.0.2\n", output);
    }

    [Fact]
    public async Task Build_GenisoimageMissing_FailsWithTheCommand()
    {
        var builder = new GenisoimageSeedBuilder(ProcessCommandRunner.Instance, "/bin/false");
        string iso = Path.Combine(_dir.Path, "seed.iso");

        CommandFailedException error = await Assert.ThrowsAsync<CommandFailedException>(() => builder.BuildAsync(new NoCloudSeed("i", "vm"), iso, CancellationToken.None));

        Assert.Contains("-volid cidata", error.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFileSystemEntries(_dir.Path));
    }
}
