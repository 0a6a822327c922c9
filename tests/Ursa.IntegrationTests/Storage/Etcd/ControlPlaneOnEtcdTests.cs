using Microsoft.Extensions.Logging.Abstractions;
using Ursa.Api.Core;
using Ursa.Api.Meta;
using Ursa.ApiServer.Hosting;
using Ursa.Cli;
using Ursa.Client.Connection;
using Ursa.Client.Informers;
using Ursa.Client.Rest;
using Ursa.IntegrationTests.Infrastructure;

namespace Ursa.IntegrationTests.Storage.Etcd;

/// <summary>The whole control plane on a real etcd: kubectl works, and two API servers share one cluster.</summary>
public sealed class ControlPlaneOnEtcdTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task TwoApiServersOnOneEtcd_AWriteThroughOneIsSeenByAWatchThroughTheOther()
    {
        await using var etcd = await EtcdCluster.StartAsync();
        using var dirA = new TestDirectory("etcd-a");
        using var dirB = new TestDirectory("etcd-b");
        await using var a = await ControlPlane.StartAsync(new ApiServerOptions { DataDirectory = dirA.Path, Port = 0 }, NullLoggerFactory.Instance, CancellationToken.None, withScheduler: false, etcd.StoreOptions());
        await using var b = await ControlPlane.StartAsync(new ApiServerOptions { DataDirectory = dirB.Path, Port = 0 }, NullLoggerFactory.Instance, CancellationToken.None, withScheduler: false, etcd.StoreOptions());
        using var clientA = new ApiClient(new ClusterConnection(a.Api.Url, a.Api.CaPem, a.Api.AdminToken));
        using var clientB = new ApiClient(new ClusterConnection(b.Api.Url, b.Api.CaPem, b.Api.AdminToken));

        var informer = new Informer<Pod>(clientB, ResourceRef.Pods, new ListOptions { Namespace = "default" }, TimeProvider.System, NullLogger.Instance);
        using var stop = new CancellationTokenSource();
        var watching = informer.RunAsync(stop.Token);
        try
        {
            await informer.Synced.WaitAsync(Deadline);
            await clientA.CreateAsync(ResourceRef.Pods, new Pod
            {
                Metadata = new ObjectMeta { Name = "shared", Namespace = "default" },
                Spec = new PodSpec { Containers = [new Container { Name = "c", Image = "ursa.local/busybox:latest" }] },
            }, CancellationToken.None);
            var until = DateTime.UtcNow + Deadline;
            while (informer.Get(ObjectKeys.Of("system", "default", "shared")) is null)
            {
                Assert.True(DateTime.UtcNow < until, "server B's watch never showed the pod written through server A");
                await Task.Delay(20);
            }
        }
        finally
        {
            await stop.CancelAsync();
            await watching;
        }
    }

    [Fact]
    public async Task Kubectl_AgainstAControlPlaneOnEtcd_CreatesListsPatchesDeletes()
    {
        await using var etcd = await EtcdCluster.StartAsync();
        using var dir = new TestDirectory("etcd-kubectl");
        await using var plane = await ControlPlane.StartAsync(new ApiServerOptions { DataDirectory = Path.Combine(dir.Path, "data"), Port = 0 }, NullLoggerFactory.Instance, CancellationToken.None, withScheduler: false, etcd.StoreOptions());
        var kubeconfig = Path.Combine(dir.Path, "kubeconfig");
        plane.WriteKubeconfig(kubeconfig);
        var env = new Dictionary<string, string> { ["HOME"] = dir.Path, ["KUBECACHEDIR"] = Path.Combine(dir.Path, "cache") };
        Task<CommandResult> Kubectl(string? stdin, params string[] args) => ProcessRunner.RunAsync(RepoPaths.Kubectl, ["--kubeconfig", kubeconfig, .. args], stdin, TimeSpan.FromSeconds(60), env);

        (await Kubectl(Manifests.ContainerPod("on-etcd", "default"), "apply", "-f", "-")).EnsureSuccess("apply");
        (await Kubectl(null, "label", "pod", "on-etcd", "store=etcd")).EnsureSuccess("label");
        var listed = (await Kubectl(null, "get", "pods", "-l", "store=etcd", "-o", "name")).EnsureSuccess("get");
        Assert.Equal("pod/on-etcd", listed.Stdout.Trim());
        var namespaces = (await Kubectl(null, "get", "namespaces", "-o", "name")).EnsureSuccess("get namespaces");
        Assert.Contains("namespace/kube-system", namespaces.Stdout);
        (await Kubectl(null, "delete", "pod", "on-etcd", "--wait")).EnsureSuccess("delete");
        var after = await Kubectl(null, "get", "pod", "on-etcd");
        Assert.Contains("NotFound", after.Stderr);
    }
}
