using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using Ursa.Api.Core;
using Ursa.Api.Meta;
using Ursa.Client.Connection;
using Ursa.Client.Rest;
using Ursa.IntegrationTests.Infrastructure;
using Ursa.NodeAgent.Hollow;

namespace Ursa.IntegrationTests.Scheduling;

/// <summary><c>ursa scheduler</c> as its own process binds pods for an API server that runs no scheduler.</summary>
public sealed class SchedulerCommandTests(ControlPlaneFixture cluster) : IClassFixture<ControlPlaneFixture>, IDisposable
{
    private readonly ApiClient _client = new(KubeconfigReader.Load(cluster.KubeconfigPath));

    public void Dispose() => _client.Dispose();

    [Fact]
    public async Task SchedulerProcess_BindsContainerAndVmPodsToAReadyNode()
    {
        var id = Guid.NewGuid().ToString("N")[..6];
        var fleet = new HollowNodeFleet(_client, new HollowNodeOptions { Count = 1, NamePrefix = "sched-" + id, Labels = new() { ["run"] = id } }, TimeProvider.System, NullLogger.Instance);
        await fleet.RegisterAsync(CancellationToken.None);
        var ns = "sc-" + id;
        await _client.CreateAsync(ResourceRef.Namespaces, new Namespace { Metadata = new ObjectMeta { Name = ns } }, CancellationToken.None);
        var info = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { RepoPaths.UrsaDll, "scheduler", "--kubeconfig", cluster.KubeconfigPath })
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException("cannot start ursa scheduler");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            var selector = new Dictionary<string, string> { ["run"] = id };
            await _client.CreateAsync(ResourceRef.Pods, new Pod
            {
                Metadata = new ObjectMeta { Name = "c", Namespace = ns },
                Spec = new PodSpec { NodeSelector = selector, Containers = [new Container { Name = "main", Image = "ursa.local/busybox:latest" }] },
            }, CancellationToken.None);
            await _client.CreateAsync(ResourceRef.Pods, new Pod
            {
                Metadata = new ObjectMeta { Name = "v", Namespace = ns },
                Spec = new PodSpec { NodeSelector = selector, VirtualMachine = new VirtualMachine { Name = "v", Image = "ursa.local/guest/busybox:latest", Resources = new ResourceRequirements { Requests = new() { ["cpu"] = "1", ["memory"] = "256Mi" } } } },
            }, CancellationToken.None);

            var pods = await Eventually.UntilAsync(
                async () => (await _client.ListAsync<Pod>(ResourceRef.Pods, new ListOptions { Namespace = ns }, CancellationToken.None)).Items,
                items => items.Count == 2 && items.All(p => !string.IsNullOrEmpty(p.Spec?.NodeName)),
                TimeSpan.FromSeconds(60),
                items => $"both pods bound by the scheduler process (bound: {items.Count(p => !string.IsNullOrEmpty(p.Spec?.NodeName))}; process exited: {process.HasExited})");

            Assert.All(pods, p => Assert.Equal(fleet.NodeNames.Single(), p.Spec!.NodeName));
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }
}
