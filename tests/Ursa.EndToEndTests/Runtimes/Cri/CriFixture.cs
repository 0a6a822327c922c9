using Microsoft.Extensions.Logging.Abstractions;
using Ursa.Cri;
using Ursa.Cri.V1;
using Ursa.Runtimes.Containerd;

namespace Ursa.EndToEndTests.Runtimes.Cri;

/// <summary>
/// One managed containerd (own data directory and network namespace) for the CRI tests, with a
/// <see cref="CriClient"/> on its socket. Disposal removes every sandbox through CRI, stops containerd and the
/// registry by pid, deletes the namespace and the pods' cgroups, and checks nothing was left behind.
/// </summary>
public sealed class CriFixture : IAsyncLifetime
{
    private readonly string _data = Directory.CreateTempSubdirectory("ucri-").FullName;

    public CriFixture()
    {
        Options = new ContainerdOptions
        {
            DataDirectory = _data,
            NetworkNamespace = "ursa-cri-" + Path.GetFileName(_data)[5..],
            StopGracePeriod = TimeSpan.FromSeconds(3),
        };
        Managed = new ManagedContainerd(Options, ProcessCommandRunner.Instance, TimeProvider.System, NullLoggerFactory.Instance);
        Client = CriClient.ForUnixSocket("unix://" + Options.SocketPath);
    }

    public ContainerdOptions Options { get; }

    public ManagedContainerd Managed { get; }

    public CriClient Client { get; }

    /// <summary>Where tests put pod log directories (created by the caller, as the CRI contract says).</summary>
    public string LogRoot => Path.Combine(_data, "pods");

    /// <summary>The cgroup parents of every pod a test ran, removed at the end.</summary>
    public List<string> CgroupParents { get; } = [];

    public async Task InitializeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await Managed.StartAsync(timeout.Token);
        Directory.CreateDirectory(LogRoot);
    }

    public async Task DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        try
        {
            foreach (PodSandbox sandbox in (await Client.ListPodSandboxAsync(new(), timeout.Token)).Items)
            {
                await Client.StopPodSandboxAsync(new() { PodSandboxId = sandbox.Id }, timeout.Token);
                await Client.RemovePodSandboxAsync(new() { PodSandboxId = sandbox.Id }, timeout.Token);
            }
        }
        finally
        {
            await Client.DisposeAsync();
            await Managed.StopAsync(deleteNetwork: true, CancellationToken.None);
            await Managed.DisposeAsync();
            foreach (string parent in CgroupParents)
            {
                CgroupFs.RemovePodCgroups(parent);
            }
        }

        Assert.Empty(CgroupFs.ProcessesUsing(_data));
        Assert.False(File.Exists(Options.NetworkNamespacePath), $"namespace {Options.NetworkNamespace} left behind");
        Assert.DoesNotContain(File.ReadLines("/proc/self/mountinfo"), l => l.Contains(_data, StringComparison.Ordinal));
        Directory.Delete(_data, recursive: true);
    }
}
