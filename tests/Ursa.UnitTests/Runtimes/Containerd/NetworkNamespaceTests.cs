using Ursa.Runtimes.Containerd;

namespace Ursa.UnitTests.Runtimes.Containerd;

public sealed class NetworkNamespaceTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("ursa-netns-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task EnsureCreated_Missing_AddsThenBringsLoopbackUp()
    {
        var runner = new RecordingCommandRunner();
        var network = new NetworkNamespace("u1", runner, new ContainerdToolPaths(), _directory, logger: null);

        await network.EnsureCreatedAsync(CancellationToken.None);

        Assert.Equal(["/usr/sbin/ip netns add u1", "/usr/sbin/ip -n u1 link set lo up"], runner.Commands);
    }

    [Fact]
    public async Task EnsureCreated_ExistsAndWorks_OnlyBringsLoopbackUp()
    {
        File.WriteAllText(Path.Combine(_directory, "u1"), "");
        var runner = new RecordingCommandRunner();
        var network = new NetworkNamespace("u1", runner, new ContainerdToolPaths(), _directory, logger: null);

        await network.EnsureCreatedAsync(CancellationToken.None);

        Assert.Equal(["/usr/sbin/ip -n u1 link set lo up"], runner.Commands);
    }

    [Fact]
    public async Task EnsureCreated_StaleMountPoint_DeletesAndRecreates()
    {
        string path = Path.Combine(_directory, "u1");
        File.WriteAllText(path, "");
        int loopbackCalls = 0;
        var runner = new RecordingCommandRunner(c =>
            c.Arguments.Contains("lo") && Interlocked.Increment(ref loopbackCalls) == 1
                ? new CommandResult(c, 1, "", "Invalid argument")
                : null);
        var network = new NetworkNamespace("u1", runner, new ContainerdToolPaths(), _directory, logger: null);

        await network.EnsureCreatedAsync(CancellationToken.None);

        Assert.Equal([
            "/usr/sbin/ip -n u1 link set lo up",
            "/usr/sbin/ip netns del u1",
            "/usr/sbin/ip netns add u1",
            "/usr/sbin/ip -n u1 link set lo up"], runner.Commands);
    }

    [Fact]
    public async Task EnsureCreated_AddFails_ThrowsWithStderr()
    {
        var runner = new RecordingCommandRunner(c => c.Arguments.Contains("add") ? new CommandResult(c, 2, "", "Operation not permitted") : null);
        var network = new NetworkNamespace("u1", runner, new ContainerdToolPaths(), _directory, logger: null);

        CommandFailedException error = await Assert.ThrowsAsync<CommandFailedException>(() => network.EnsureCreatedAsync(CancellationToken.None));

        Assert.Contains("Operation not permitted", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Delete_Missing_RunsNothing()
    {
        var runner = new RecordingCommandRunner();
        var network = new NetworkNamespace("u1", runner, new ContainerdToolPaths(), _directory, logger: null);

        await network.DeleteAsync(CancellationToken.None);

        Assert.Empty(runner.Commands);
    }

    [Fact]
    public void Enter_Command_WrapsInNsenterKeepingArguments()
    {
        var network = new NetworkNamespace("u1", new RecordingCommandRunner(), new ContainerdToolPaths(), _directory, logger: null);

        CommandLine entered = network.Enter(CommandLine.Of("/usr/bin/skopeo", "copy", "a b"));

        Assert.Equal("/usr/bin/nsenter", entered.FileName);
        Assert.Equal(["--net=" + Path.Combine(_directory, "u1"), "/usr/bin/skopeo", "copy", "a b"], entered.Arguments);
    }
}
