namespace Ursa.Controllers;

/// <summary>
/// Kubernetes' slow-start batching for creates: batches of 1, 2, 4, ... run concurrently, and the first batch
/// with a failure stops the rest. A broken template (quota, validation) costs one failed call instead of
/// thousands, while a healthy scale-up of 10,000 pods needs ~14 round-trip times instead of 10,000 (one at a
/// time, 5 ms each, it was ~200 pods/s here).
/// </summary>
internal static class SlowStart
{
    /// <summary>Batches never grow past this (Kubernetes caps the burst at 500 per sync).</summary>
    public const int MaxBatch = 500;

    /// <summary>Runs <paramref name="count"/> creates; returns how many were not attempted (after a failed batch) and the first failure.</summary>
    public static async Task<(int Skipped, Exception? Failure)> RunAsync(int count, Func<CancellationToken, Task> create, CancellationToken cancellationToken)
    {
        var done = 0;
        for (var batch = 1; done < count; batch = Math.Min(batch * 2, MaxBatch))
        {
            var size = Math.Min(batch, count - done);
            var calls = Enumerable.Range(0, size).Select(_ => create(cancellationToken)).ToList();
            try
            {
                await Task.WhenAll(calls).ConfigureAwait(false);
            }
            catch (Exception) when (!cancellationToken.IsCancellationRequested)
            {
                var failed = calls.Count(c => c.IsFaulted);
                var failure = calls.First(c => c.IsFaulted).Exception!.InnerException!;
                return (count - done - size + failed, failure);
            }

            done += size;
        }

        return (0, null);
    }

    /// <summary>
    /// Runs the creates an owner's <paramref name="expectation"/> counts: creates that failed or were never tried will
    /// not be observed, so they leave the expectation; the first failure is rethrown so the owner is retried with back-off.
    /// </summary>
    public static async Task CreateAsync(int count, Func<CancellationToken, Task> create, Expectation? expectation, CancellationToken cancellationToken)
    {
        var (skipped, failure) = await RunAsync(count, create, cancellationToken).ConfigureAwait(false);
        for (var i = 0; i < skipped; i++)
        {
            expectation?.Observed(deleted: false);
        }

        if (failure is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failure);
        }
    }
}
