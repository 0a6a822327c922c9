using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging.Abstractions;
using Ursa.Api.Core;
using Ursa.Api.Meta;
using Ursa.Client.Informers;
using Ursa.Client.Rest;
using Ursa.UnitTests.Testing;

namespace Ursa.UnitTests.Client.Informers;

public sealed class SharedInformersTests
{
    private static readonly ListOptions AllTenants = new() { Tenant = "all" };

    [Fact]
    public void SameKindAndOptions_GiveOneInformer_OtherOptionsAnother()
    {
        var informers = new SharedInformers(Client(new Counter()), TimeProvider.System, NullLogger.Instance);

        var first = informers.For<Pod>(ResourceRef.Pods, AllTenants);
        var second = informers.For<Pod>(ResourceRef.Pods, new ListOptions { Tenant = "all" });
        var filtered = informers.For<Pod>(ResourceRef.Pods, AllTenants with { FieldSelector = "spec.nodeName=a" });

        Assert.Same(first, second);
        Assert.NotSame(first, filtered);
        Assert.Equal(2, informers.Count);
    }

    [Fact]
    public async Task TwoHandlersOfOneInformer_AreFedByOneListAndOneWatch()
    {
        var calls = new Counter();
        var informers = new SharedInformers(Client(calls), TimeProvider.System, NullLogger.Instance);
        var a = new Recorder();
        var b = new Recorder();
        var pods = informers.For<Pod>(ResourceRef.Pods, AllTenants);
        pods.AddHandler(a);
        informers.For<Pod>(ResourceRef.Pods, AllTenants).AddHandler(b);

        using var stop = new CancellationTokenSource();
        var running = informers.RunAsync(stop.Token);
        await pods.Synced.WaitAsync(TimeSpan.FromSeconds(10));
        await calls.Watching.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await stop.CancelAsync();
        await running.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(1, calls.Lists);
        Assert.Equal(1, calls.Watches);
        Assert.Equal(["p1"], a.Added);
        Assert.Equal(["p1"], b.Added);
    }

    [Fact]
    public void AskingAfterStart_Throws_BecauseTheNewHandlerWouldMissTheList()
    {
        var informers = new SharedInformers(Client(new Counter()), TimeProvider.System, NullLogger.Instance);
        informers.For<Pod>(ResourceRef.Pods, AllTenants);
        using var stop = new CancellationTokenSource();
        stop.Cancel();
        _ = informers.RunAsync(stop.Token);

        var error = Assert.Throws<InvalidOperationException>(() => informers.For<Node>(ResourceRef.Nodes, ListOptions.Everything));
        Assert.Contains("nodes", error.Message, StringComparison.Ordinal);
    }

    private static IApiClient Client(Counter calls) => FakeService<IApiClient>.Create(new Dictionary<string, Func<object?[], object?>>
    {
        [nameof(IApiClient.ListAsync)] = _ =>
        {
            Interlocked.Increment(ref calls.Lists);
            return Task.FromResult(new ObjectList<Pod>([new Pod { Metadata = new ObjectMeta { Name = "p1", Namespace = "default", ResourceVersion = "5" } }], "5"));
        },
        [nameof(IApiClient.WatchAsync)] = args =>
        {
            Interlocked.Increment(ref calls.Watches);
            return Silent(calls, (CancellationToken)args[2]!);
        },
    });

    /// <summary>A watch with no events that ends when the informer is stopped.</summary>
    private static async IAsyncEnumerable<ObjectEvent<Pod>> Silent(Counter calls, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        calls.Watching.TrySetResult();
        await Task.Delay(Timeout.Infinite, cancellationToken);
        yield break;
    }

    private sealed class Counter
    {
        public int Lists;
        public int Watches;

        public TaskCompletionSource Watching { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    private sealed class Recorder : IInformerHandler<Pod>
    {
        public List<string> Added { get; } = [];

        public void OnAdd(Pod obj) => Added.Add(obj.Metadata.Name!);

        public void OnUpdate(Pod oldObj, Pod newObj)
        {
        }

        public void OnDelete(Pod obj)
        {
        }
    }
}
