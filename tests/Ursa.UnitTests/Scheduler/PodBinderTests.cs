using System.Net;
using Ursa.Client.Rest;
using Ursa.Scheduler.Binding;

namespace Ursa.UnitTests.Scheduler;

public class PodBinderTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task BindAsync_WhileARequestIsInFlight_CoalescesTheNextBindsIntoOneBatch()
    {
        var client = new FakeBindingClient(gated: true);
        var binder = new PodBinder(client, maxBatch: 100, parallelBatches: 1);
        using var stop = new CancellationTokenSource();
        var running = binder.RunAsync(stop.Token);

        var first = binder.BindAsync(SchedulerObjects.ContainerPod("p-0"), "n", CancellationToken.None);
        await client.FirstRequest.Task.WaitAsync(Deadline);
        var next = Enumerable.Range(1, 3).Select(i => binder.BindAsync(SchedulerObjects.ContainerPod($"p-{i}"), "n", CancellationToken.None)).ToList();
        client.Release();
        await Task.WhenAll([first, .. next]).WaitAsync(Deadline);

        // The lone first bind went through pods/binding; the three that waited for the one slot went as one batch.
        Assert.Equal(["p-0"], client.Singles);
        var batch = Assert.Single(client.Batches);
        Assert.Equal(["p-1", "p-2", "p-3"], batch.Select(b => b.Name));
        Assert.Equal(2, binder.Requests);
        await stop.CancelAsync();
        await running.WaitAsync(Deadline);
    }

    [Fact]
    public async Task BindAsync_AnEntryRefused_FailsOnlyThatPod()
    {
        var client = new FakeBindingClient(gated: true)
        {
            Answer = b => b.Name == "p-2" ? new ApiStatusException(HttpStatusCode.Conflict, "Conflict", "pod p-2 is already assigned to node \"m\"") : null,
        };
        var binder = new PodBinder(client, maxBatch: 100, parallelBatches: 1);
        using var stop = new CancellationTokenSource();
        var running = binder.RunAsync(stop.Token);

        var first = binder.BindAsync(SchedulerObjects.ContainerPod("p-0"), "n", CancellationToken.None);
        await client.FirstRequest.Task.WaitAsync(Deadline);
        var binds = Enumerable.Range(1, 3).Select(i => binder.BindAsync(SchedulerObjects.ContainerPod($"p-{i}"), "n", CancellationToken.None)).ToList();
        client.Release();
        await first.WaitAsync(Deadline);

        await binds[0].WaitAsync(Deadline);
        var refused = await Assert.ThrowsAsync<ApiStatusException>(() => binds[1].WaitAsync(Deadline));
        Assert.True(refused.IsConflict);
        await binds[2].WaitAsync(Deadline);
        await stop.CancelAsync();
        await running.WaitAsync(Deadline);
    }

    [Fact]
    public async Task BindAsync_ServerWithoutTheExtension_BindsEachPodOnItsOwn()
    {
        var client = new FakeBindingClient(gated: true) { NoBatchEndpoint = true };
        var binder = new PodBinder(client, maxBatch: 100, parallelBatches: 1);
        using var stop = new CancellationTokenSource();
        var running = binder.RunAsync(stop.Token);

        var first = binder.BindAsync(SchedulerObjects.ContainerPod("p-0"), "n", CancellationToken.None);
        await client.FirstRequest.Task.WaitAsync(Deadline);
        var binds = Enumerable.Range(1, 3).Select(i => binder.BindAsync(SchedulerObjects.ContainerPod($"p-{i}"), "n", CancellationToken.None)).ToList();
        client.Release();
        await Task.WhenAll([first, .. binds]).WaitAsync(Deadline);
        await binder.BindAsync(SchedulerObjects.ContainerPod("p-4"), "n", CancellationToken.None).WaitAsync(Deadline);

        Assert.Empty(client.Batches);
        Assert.Equal(["p-0", "p-1", "p-2", "p-3", "p-4"], client.Singles.Order(StringComparer.Ordinal));
        await stop.CancelAsync();
        await running.WaitAsync(Deadline);
    }

    [Fact]
    public async Task BindAsync_BatchSizeOne_NeverUsesTheExtension()
    {
        var client = new FakeBindingClient();
        var binder = new PodBinder(client, maxBatch: 1, parallelBatches: 4);
        using var stop = new CancellationTokenSource();
        var running = binder.RunAsync(stop.Token);

        await Task.WhenAll(Enumerable.Range(0, 5).Select(i => binder.BindAsync(SchedulerObjects.ContainerPod($"p-{i}"), "n", CancellationToken.None))).WaitAsync(Deadline);

        Assert.Empty(client.Batches);
        Assert.Equal(5, client.Singles.Count);
        await stop.CancelAsync();
        await running.WaitAsync(Deadline);
    }
}
