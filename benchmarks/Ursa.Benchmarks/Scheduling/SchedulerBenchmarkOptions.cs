namespace Ursa.Benchmarks.Scheduling;

/// <summary>Sizes of <c>ursa bench scheduler</c>.</summary>
public sealed class SchedulerBenchmarkOptions
{
    public int Nodes { get; set; } = 5_000;

    public int Pods { get; set; } = 10_000;

    /// <summary>Pods scheduled in an unmeasured warm-up round before the measured one (0: none).</summary>
    /// <remarks>
    /// As large as the measured round: after 2,000 warm-up pods a profile of the measured round still found a fifth of
    /// the machine's CPU in the API server's JIT tier-up thread (a server that has run for minutes does not pay it).
    /// </remarks>
    public int Warmup { get; set; } = 10_000;

    /// <summary>Pods created per second in the startup-latency phase (the churn).</summary>
    public int ChurnPerSecond { get; set; } = 20;

    public TimeSpan ChurnDuration { get; set; } = TimeSpan.FromSeconds(30);

    public int Clients { get; set; } = 64;

    /// <summary>Most pods per bind request of the round schedulers (<see cref="Ursa.Scheduler.SchedulerOptions.BindBatchSize"/>; 1: per-pod binds).</summary>
    public int BindBatch { get; set; } = new Ursa.Scheduler.SchedulerOptions().BindBatchSize;
}
