using System.Diagnostics;
using Ursa.Api.Apps;
using Ursa.Api.Core;
using Ursa.Api.Meta;
using Ursa.Client.Connection;
using Ursa.Client.Rest;
using Ursa.IntegrationTests.Infrastructure;

namespace Ursa.IntegrationTests.Controllers;

/// <summary><c>ursa controller-manager</c> as its own process drives an API server that runs no controllers.</summary>
public sealed class ControllerManagerCommandTests(ControlPlaneFixture cluster) : IClassFixture<ControlPlaneFixture>, IDisposable
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);
    private readonly ApiClient _client = new(KubeconfigReader.Load(cluster.KubeconfigPath));

    public void Dispose() => _client.Dispose();

    [Fact]
    public async Task ControllerManagerProcess_RollsOutADeployment()
    {
        var ns = "cm-" + Guid.NewGuid().ToString("N")[..6];
        await _client.CreateAsync(ResourceRef.Namespaces, new Namespace { Metadata = new ObjectMeta { Name = ns } }, CancellationToken.None);
        var info = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { RepoPaths.UrsaDll, "controller-manager", "--kubeconfig", cluster.KubeconfigPath })
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException("cannot start ursa controller-manager");
        var output = new List<string>();
        process.OutputDataReceived += (_, e) => { lock (output) { output.Add(e.Data ?? string.Empty); } };
        process.ErrorDataReceived += (_, e) => { lock (output) { output.Add(e.Data ?? string.Empty); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await _client.CreateAsync(ResourceRef.Deployments, new Deployment
            {
                Metadata = new ObjectMeta { Name = "web", Namespace = ns },
                Spec = new DeploymentSpec
                {
                    Replicas = 2,
                    Selector = new LabelSelector { MatchLabels = new() { ["app"] = "web" } },
                    Template = new PodTemplateSpec
                    {
                        Metadata = new ObjectMeta { Labels = new() { ["app"] = "web" } },
                        Spec = new PodSpec { Containers = [new Container { Name = "main", Image = "ursa.local/busybox:latest" }] },
                    },
                },
            }, CancellationToken.None);

            // No scheduler here: the pods stay Pending, but the Deployment -> ReplicaSet -> pods chain is the process's work.
            var pods = await Eventually.UntilAsync(
                async () => (await _client.ListAsync<Pod>(ResourceRef.Pods, new ListOptions { Namespace = ns }, CancellationToken.None)).Items,
                items => items.Count == 2,
                Deadline,
                items => $"2 pods created by the controller-manager process (have {items.Count}; process exited: {process.HasExited}; output: {string.Join('\n', Snapshot(output))})");
            Assert.All(pods, p => Assert.True(p.Metadata.Labels!.ContainsKey("pod-template-hash")));
            var deployment = await Eventually.UntilAsync(
                () => _client.GetAsync<Deployment>(ResourceRef.Deployments, null, ns, "web", CancellationToken.None),
                d => d.Status?.Replicas == 2 && d.Metadata.Annotations?.GetValueOrDefault("deployment.kubernetes.io/revision") == "1",
                Deadline,
                d => $"Deployment status.replicas 2 and revision 1 (replicas {d.Status?.Replicas})");
            Assert.Equal(0, deployment.Status!.AvailableReplicas);
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    private static List<string> Snapshot(List<string> output)
    {
        lock (output)
        {
            return [.. output];
        }
    }
}
