using Microsoft.Extensions.Logging.Abstractions;
using Ursa.Api.Core;
using Ursa.Api.Meta;
using Ursa.Client.Connection;
using Ursa.Client.Informers;
using Ursa.Client.Rest;
using Ursa.IntegrationTests.Infrastructure;

namespace Ursa.IntegrationTests.Client;

/// <summary>The client library against a real server: CRUD, status, binding, and an informer following changes.</summary>
[Collection(ControlPlaneCollection.Name)]
public sealed class InformerTests(ControlPlaneFixture cluster)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Informer_SeesAddsUpdatesAndDeletesInOrder()
    {
        using var client = new ApiClient(KubeconfigReader.Load(cluster.KubeconfigPath));
        var ns = "inf-" + Guid.NewGuid().ToString("N")[..8];
        await client.CreateAsync(ResourceRef.Namespaces, new Namespace { Metadata = new ObjectMeta { Name = ns } }, CancellationToken.None);
        var informer = new Informer<Pod>(client, ResourceRef.Pods, new ListOptions { Namespace = ns }, TimeProvider.System, NullLogger.Instance);
        var recorder = new Recorder();
        informer.AddHandler(recorder);
        using var stop = new CancellationTokenSource();
        var running = informer.RunAsync(stop.Token);
        try
        {
            await informer.Synced.WaitAsync(Deadline);
            var pod = await client.CreateAsync(ResourceRef.Pods, Pod(ns, "p1"), CancellationToken.None);
            await client.PatchAsync<Pod>(ResourceRef.Pods, null, ns, "p1", PatchType.Merge, """{"metadata":{"labels":{"x":"1"}}}""", null, CancellationToken.None);
            await client.PostSubresourceAsync(ResourceRef.Pods, null, ns, "p1", "binding", """{"target":{"kind":"Node","name":"n1"}}""", CancellationToken.None);
            var bound = await client.GetAsync<Pod>(ResourceRef.Pods, null, ns, "p1", CancellationToken.None);
            bound.Status!.Phase = "Running";
            await client.UpdateAsync(ResourceRef.Pods, bound, "status", CancellationToken.None);
            await client.DeleteAsync(ResourceRef.Pods, null, ns, "p1", new DeleteOptions { GracePeriodSeconds = 0 }, CancellationToken.None);

            await recorder.WaitForAsync(e => e == "delete p1", Deadline);
            Assert.Equal(["add p1", "update p1 x=", "update p1 node=n1", "update p1 phase=Running", "delete p1"], recorder.Events);
            Assert.Null(informer.Get(ObjectKeys.Of(pod)));

            var missing = await Assert.ThrowsAsync<ApiStatusException>(() => client.GetAsync<Pod>(ResourceRef.Pods, null, ns, "p1", CancellationToken.None));
            Assert.True(missing.IsNotFound);
        }
        finally
        {
            await stop.CancelAsync();
            await running;
        }
    }

    private static Pod Pod(string ns, string name) => new()
    {
        Metadata = new ObjectMeta { Name = name, Namespace = ns },
        Spec = new PodSpec { Containers = [new Container { Name = "c", Image = "ursa.local/busybox:latest" }] },
    };

    private sealed class Recorder : IInformerHandler<Pod>
    {
        private readonly Lock _lock = new();
        private readonly List<string> _events = [];

        public List<string> Events
        {
            get
            {
                lock (_lock)
                {
                    return [.. _events];
                }
            }
        }

        public void OnAdd(Pod obj) => Record($"add {obj.Metadata.Name}");

        public void OnUpdate(Pod oldObj, Pod newObj)
        {
            var change = newObj.Metadata.Labels?.GetValueOrDefault("x") != oldObj.Metadata.Labels?.GetValueOrDefault("x") ? "x="
                : newObj.Spec?.NodeName != oldObj.Spec?.NodeName ? $"node={newObj.Spec?.NodeName}"
                : $"phase={newObj.Status?.Phase}";
            Record($"update {newObj.Metadata.Name} {change}");
        }

        public void OnDelete(Pod obj) => Record($"delete {obj.Metadata.Name}");

        public async Task WaitForAsync(Func<string, bool> condition, TimeSpan deadline)
        {
            var until = DateTime.UtcNow + deadline;
            while (!Events.Any(condition))
            {
                Assert.True(DateTime.UtcNow < until, $"informer events never matched within {deadline}; saw: {string.Join(", ", Events)}");
                await Task.Delay(20);
            }
        }

        private void Record(string e)
        {
            lock (_lock)
            {
                _events.Add(e);
            }
        }
    }
}
