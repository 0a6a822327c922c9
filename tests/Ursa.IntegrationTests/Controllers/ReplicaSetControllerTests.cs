using Ursa.Api.Apps;
using Ursa.Api.Core;
using Ursa.Api.Meta;
using Ursa.Client.Connection;
using Ursa.Client.Rest;
using Ursa.IntegrationTests.Infrastructure;

namespace Ursa.IntegrationTests.Controllers;

/// <summary>A ReplicaSet of VM pods is just a ReplicaSet: the in-process controller keeps its pod count.</summary>
public sealed class ReplicaSetControllerTests(SchedulingControlPlaneFixture cluster) : IClassFixture<SchedulingControlPlaneFixture>, IDisposable
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);
    private readonly ApiClient _client = new(KubeconfigReader.Load(cluster.KubeconfigPath));

    public void Dispose() => _client.Dispose();

    [Fact]
    public async Task ReplicaSetOfVmPods_ScalesUpAndDown_WithOwnedPods()
    {
        var ns = "rs-" + Guid.NewGuid().ToString("N")[..6];
        await _client.CreateAsync(ResourceRef.Namespaces, new Namespace { Metadata = new ObjectMeta { Name = ns } }, CancellationToken.None);
        var set = await _client.CreateAsync(ResourceRef.ReplicaSets, new ReplicaSet
        {
            Metadata = new ObjectMeta { Name = "vms", Namespace = ns },
            Spec = new ReplicaSetSpec
            {
                Replicas = 3,
                Selector = new LabelSelector { MatchLabels = new() { ["app"] = "vms" } },
                Template = new PodTemplateSpec
                {
                    Metadata = new ObjectMeta { Labels = new() { ["app"] = "vms" } },
                    Spec = new PodSpec { VirtualMachine = new VirtualMachine { Name = "vm", Image = "ursa.local/guest/busybox:latest" } },
                },
            },
        }, CancellationToken.None);

        var pods = await WaitForPodsAsync(ns, 3);
        Assert.All(pods, p =>
        {
            Assert.StartsWith("vms-", p.Metadata.Name);
            Assert.NotNull(p.Spec!.VirtualMachine);
            Assert.Equal(set.Metadata.Uid, Assert.Single(p.Metadata.OwnerReferences!).Uid);
        });

        await _client.PatchAsync<ReplicaSet>(ResourceRef.ReplicaSets, null, ns, "vms", PatchType.Merge, """{"spec":{"replicas":1}}""", null, CancellationToken.None);
        await WaitForPodsAsync(ns, 1);
        await Eventually.UntilAsync(
            () => _client.GetAsync<ReplicaSet>(ResourceRef.ReplicaSets, null, ns, "vms", CancellationToken.None),
            rs => rs.Status?.Replicas == 1,
            Deadline,
            rs => $"ReplicaSet status.replicas to reach 1 (is {rs.Status?.Replicas})");
    }

    private async Task<List<Pod>> WaitForPodsAsync(string ns, int count)
    {
        var pods = await Eventually.UntilAsync(
            () => LivePodsAsync(ns),
            live => live.Count == count,
            Deadline,
            live => $"{count} pods in {ns} (have {live.Count})");

        // Stable: the controller must not overshoot while its writes reach the cache.
        await Task.Delay(300);
        Assert.Equal(count, (await LivePodsAsync(ns)).Count);
        return pods;
    }

    private async Task<List<Pod>> LivePodsAsync(string ns) =>
        (await _client.ListAsync<Pod>(ResourceRef.Pods, new ListOptions { Namespace = ns }, CancellationToken.None)).Items
            .Where(p => p.Metadata.DeletionTimestamp is null).ToList();
}
