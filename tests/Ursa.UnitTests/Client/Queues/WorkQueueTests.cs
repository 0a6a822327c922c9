using Ursa.Client.Queues;
using Ursa.UnitTests.Testing;

namespace Ursa.UnitTests.Client.Queues;

public sealed class WorkQueueTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(5);
    private readonly ManualTimeProvider _time = new();

    [Fact]
    public async Task Add_SameItemTwice_IsQueuedOnce()
    {
        using var queue = new WorkQueue<string>(_time);
        queue.Add("a");
        queue.Add("a");
        queue.Add("b");
        Assert.Equal(2, queue.Count);
        Assert.Equal("a", await queue.TakeAsync(CancellationToken.None).WaitAsync(Deadline));
        Assert.Equal("b", await queue.TakeAsync(CancellationToken.None).WaitAsync(Deadline));
    }

    [Fact]
    public async Task Add_WhileProcessing_RequeuesOnlyAfterDone()
    {
        using var queue = new WorkQueue<string>(_time);
        queue.Add("a");
        var item = await queue.TakeAsync(CancellationToken.None).WaitAsync(Deadline);
        queue.Add("a");
        Assert.Equal(0, queue.Count);
        queue.Done(item!);
        Assert.Equal(1, queue.Count);
        Assert.Equal("a", await queue.TakeAsync(CancellationToken.None).WaitAsync(Deadline));
    }

    [Fact]
    public void AddRateLimited_BacksOffExponentiallyUntilForgotten()
    {
        using var queue = new WorkQueue<string>(_time, TimeSpan.FromMilliseconds(10), TimeSpan.FromMilliseconds(35));
        queue.AddRateLimited("a");
        _time.Advance(TimeSpan.FromMilliseconds(9));
        Assert.Equal(0, queue.Count);
        _time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(1, queue.Count);

        using var second = new WorkQueue<string>(_time, TimeSpan.FromMilliseconds(10), TimeSpan.FromMilliseconds(35));
        second.AddRateLimited("x");
        second.AddRateLimited("x");
        second.AddRateLimited("x");
        Assert.Equal(3, second.Failures("x"));
        _time.Advance(TimeSpan.FromMilliseconds(34));
        Assert.Equal(1, second.Count);
        second.Forget("x");
        Assert.Equal(0, second.Failures("x"));
    }

    [Fact]
    public async Task ShutDown_EndsWaitingTakers()
    {
        using var queue = new WorkQueue<string>(_time);
        var taking = queue.TakeAsync(CancellationToken.None);
        queue.ShutDown();
        Assert.Null(await taking.WaitAsync(Deadline));
        queue.Add("late");
        Assert.Equal(0, queue.Count);
    }
}
