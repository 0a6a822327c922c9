using Ursa.Api.Apps;
using Ursa.Api.Core;
using Ursa.Api.Meta;
using Ursa.Api.Tenancy;
using Ursa.Client.Rest;
using Ursa.IntegrationTests.Infrastructure;

namespace Ursa.IntegrationTests.Controllers;

/// <summary>Deletion by ownerReferences: background, foreground and orphan (driven by kubectl's --cascade), per tenant.</summary>
public sealed class GarbageCollectorTests(HollowClusterFixture hollow) : IClassFixture<HollowClusterFixture>
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);
    private readonly string _ns = "gc-" + Guid.NewGuid().ToString("N")[..6];

    [Fact]
    public async Task Background_DeletingADeployment_DeletesItsReplicaSetsAndPods()
    {
        await NamespaceAsync();
        (await KubectlAsync(Deployment("web"), "-n", _ns, "apply", "-f", "-")).EnsureSuccess("create deployment");
        (await KubectlAsync(null, "-n", _ns, "rollout", "status", "deployment/web", "--timeout=60s")).EnsureSuccess("rollout status");
        Assert.Equal(2, (await PodsAsync()).Count);

        (await KubectlAsync(null, "-n", _ns, "delete", "deployment", "web")).EnsureSuccess("delete deployment");
        await Eventually.UntilAsync(
            async () => (await SetsAsync()).Count + (await PodsAsync()).Count,
            left => left == 0,
            Deadline,
            left => $"the Deployment's ReplicaSet and pods collected ({left} left)");
    }

    [Fact]
    public async Task Foreground_PodsGoBeforeTheirReplicaSet()
    {
        await NamespaceAsync();
        await ReplicaSetAsync("fg", 2);

        // kubectl waits until the ReplicaSet is gone; in the foreground its pods are gone by then.
        (await KubectlAsync(null, "-n", _ns, "delete", "rs", "fg", "--cascade=foreground", "--timeout=60s")).EnsureSuccess("foreground delete");
        Assert.Empty(await SetsAsync());
        Assert.Empty(await PodsAsync());
    }

    [Fact]
    public async Task Orphan_PodsStay_WithoutOwnerReferences()
    {
        await NamespaceAsync();
        await ReplicaSetAsync("orphans", 2);

        (await KubectlAsync(null, "-n", _ns, "delete", "rs", "orphans", "--cascade=orphan", "--timeout=60s")).EnsureSuccess("orphan delete");
        Assert.Empty(await SetsAsync());
        var pods = await PodsAsync();
        Assert.Equal(2, pods.Count);
        Assert.All(pods, p => Assert.Null(p.Metadata.OwnerReferences));
    }

    [Fact]
    public async Task OwnerInAnotherTenant_DoesNotCount()
    {
        await NamespaceAsync();
        var owner = await hollow.Client.CreateAsync(ResourceRef.ReplicaSets, new ReplicaSet
        {
            Metadata = new ObjectMeta { Name = "keeper", Namespace = _ns },
            Spec = new ReplicaSetSpec { Replicas = 0, Selector = new LabelSelector { MatchLabels = new() { ["app"] = "keeper" } }, Template = Template("keeper") },
        }, CancellationToken.None);

        var tenant = "gc" + Guid.NewGuid().ToString("N")[..6];
        await hollow.Client.CreateAsync(ResourceRef.Tenants, new Tenant { Metadata = new ObjectMeta { Name = tenant } }, CancellationToken.None);
        await Eventually.UntilAsync(
            async () => (await hollow.Client.ListAsync<Namespace>(ResourceRef.Namespaces, new ListOptions { Tenant = tenant }, CancellationToken.None)).Items.Count,
            n => n > 0, Deadline, n => $"tenant {tenant}'s default namespaces ({n})");
        Pod Dependent(string name, string uid) => new()
        {
            Metadata = new ObjectMeta
            {
                Name = name,
                Namespace = "default",
                Tenant = tenant,
                OwnerReferences = [new OwnerReference { ApiVersion = "apps/v1", Kind = "ReplicaSet", Name = "keeper", Uid = uid, Controller = true }],
            },
            Spec = new PodSpec { Containers = [new Container { Name = "main", Image = "ursa.local/busybox:latest" }], NodeSelector = new() { ["fleet"] = "none" } },
        };

        // Same owner name and uid as a live ReplicaSet, but in the system tenant: dangling here.
        await hollow.Client.CreateAsync(ResourceRef.Pods, Dependent("borrowed", owner.Metadata.Uid!), CancellationToken.None);
        var local = await hollow.Client.CreateAsync(ResourceRef.ReplicaSets, new ReplicaSet
        {
            Metadata = new ObjectMeta { Name = "keeper", Namespace = "default", Tenant = tenant },
            Spec = new ReplicaSetSpec { Replicas = 0, Selector = new LabelSelector { MatchLabels = new() { ["app"] = "keeper" } }, Template = Template("keeper") },
        }, CancellationToken.None);
        await hollow.Client.CreateAsync(ResourceRef.Pods, Dependent("owned", local.Metadata.Uid!), CancellationToken.None);

        var left = await Eventually.UntilAsync(
            async () => (await hollow.Client.ListAsync<Pod>(ResourceRef.Pods, new ListOptions { Tenant = tenant, Namespace = "default" }, CancellationToken.None)).Items.Select(p => p.Metadata.Name!).ToList(),
            names => !names.Contains("borrowed"),
            Deadline,
            names => $"the pod naming another tenant's owner collected (left: {string.Join(",", names)})");
        Assert.Equal(["owned"], left);
        Assert.NotNull(await hollow.Client.GetAsync<ReplicaSet>(ResourceRef.ReplicaSets, null, _ns, "keeper", CancellationToken.None));
    }

    private async Task NamespaceAsync() =>
        (await KubectlAsync(Manifests.Namespace(_ns), "create", "-f", "-")).EnsureSuccess("create namespace");

    private Task<CommandResult> KubectlAsync(string? stdin, params string[] args) =>
        hollow.Cluster.KubectlWithAsync(RepoPaths.Kubectl, stdin, args);

    private async Task ReplicaSetAsync(string name, int replicas)
    {
        await hollow.Client.CreateAsync(ResourceRef.ReplicaSets, new ReplicaSet
        {
            Metadata = new ObjectMeta { Name = name, Namespace = _ns },
            Spec = new ReplicaSetSpec { Replicas = replicas, Selector = new LabelSelector { MatchLabels = new() { ["app"] = name } }, Template = Template(name) },
        }, CancellationToken.None);
        await Eventually.UntilAsync(PodsAsync, pods => pods.Count(p => p.Status?.Phase == "Running") == replicas, Deadline, pods => $"{replicas} Running pods of {name} (have {pods.Count})");
    }

    private PodTemplateSpec Template(string app) => new()
    {
        Metadata = new ObjectMeta { Labels = new() { ["app"] = app } },
        Spec = new PodSpec { NodeSelector = new() { ["fleet"] = hollow.Fleet }, Containers = [new Container { Name = "main", Image = "ursa.local/busybox:latest" }] },
    };

    private async Task<List<Pod>> PodsAsync() =>
        [.. (await hollow.Client.ListAsync<Pod>(ResourceRef.Pods, new ListOptions { Namespace = _ns }, CancellationToken.None)).Items];

    private async Task<List<ReplicaSet>> SetsAsync() =>
        [.. (await hollow.Client.ListAsync<ReplicaSet>(ResourceRef.ReplicaSets, new ListOptions { Namespace = _ns }, CancellationToken.None)).Items];

    private string Deployment(string name) => $$"""
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: {{name}}
        spec:
          replicas: 2
          selector:
            matchLabels: {app: {{name}}}
          template:
            metadata:
              labels: {app: {{name}}}
            spec:
              nodeSelector: {fleet: {{hollow.Fleet}}}
              containers:
              - name: main
                image: ursa.local/busybox:latest
        """;
}
