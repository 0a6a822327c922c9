using Ursa.Controllers;

namespace Ursa.UnitTests.Controllers;

public sealed class SlowStartTests
{
    [Fact]
    public async Task AllSucceed_EveryCreateRuns_InDoublingBatches()
    {
        var concurrent = 0;
        var peak = 0;
        var calls = 0;
        var (skipped, failure) = await SlowStart.RunAsync(100, async _ =>
        {
            var now = Interlocked.Increment(ref concurrent);
            InterlockedMax(ref peak, now);
            Interlocked.Increment(ref calls);
            await Task.Yield();
            Interlocked.Decrement(ref concurrent);
        }, CancellationToken.None);

        Assert.Equal((0, null), (skipped, failure));
        Assert.Equal(100, calls);
        Assert.True(peak <= 64, $"batches of 1, 2, 4 ... 64 never overlap; peak was {peak}");
    }

    [Fact]
    public async Task FailingBatch_StopsTheRest_AndCountsWhatDidNotHappen()
    {
        var calls = 0;
        var (skipped, failure) = await SlowStart.RunAsync(20, _ =>
        {
            // The 4th call (in the third batch: calls 4..7) fails.
            return Interlocked.Increment(ref calls) == 4 ? Task.FromException(new InvalidOperationException("quota")) : Task.CompletedTask;
        }, CancellationToken.None);

        Assert.Equal(7, calls);
        Assert.Equal("quota", failure!.Message);
        Assert.Equal(20 - 7 + 1, skipped);
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while (value > (current = Volatile.Read(ref target)) && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }
}
