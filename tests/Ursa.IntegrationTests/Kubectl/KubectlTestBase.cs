using Ursa.IntegrationTests.Infrastructure;

namespace Ursa.IntegrationTests.Kubectl;

/// <summary>Each test works in a namespace of its own so tests share one control plane without interfering.</summary>
public abstract class KubectlTestBase(ControlPlaneFixture cluster) : IAsyncLifetime
{
    protected ControlPlaneFixture Cluster { get; } = cluster;

    protected string Ns { get; } = "t-" + Guid.NewGuid().ToString("N")[..10];

    public async Task InitializeAsync() =>
        (await Cluster.KubectlWithAsync(RepoPaths.Kubectl, Manifests.Namespace(Ns), "create", "-f", "-")).EnsureSuccess("create namespace");

    public Task DisposeAsync() => Task.CompletedTask;

    protected Task<CommandResult> Kubectl(params string[] args) => Cluster.KubectlAsync(args);

    protected Task<CommandResult> KubectlIn(params string[] args) => Cluster.KubectlAsync(["-n", Ns, .. args]);

    protected Task<CommandResult> ApplyAsync(string manifest, params string[] args) =>
        Cluster.KubectlWithAsync(RepoPaths.Kubectl, manifest, ["-n", Ns, "apply", "-f", "-", .. args]);

    protected Task<CommandResult> CreateAsync(string manifest) =>
        Cluster.KubectlWithAsync(RepoPaths.Kubectl, manifest, "-n", Ns, "create", "-f", "-");
}
