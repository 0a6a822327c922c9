namespace Ursa.Benchmarks.Api;

/// <summary>Sizes of <c>ursa bench api</c>; the defaults are the figures.</summary>
public sealed class ApiBenchmarkOptions
{
    /// <summary>Concurrent clients for the parallel phases.</summary>
    public int Clients { get; set; } = 64;

    public int SequentialPods { get; set; } = 1_000;

    public int ParallelPods { get; set; } = 20_000;

    /// <summary>Pods in the namespace of the large list (100,000 by default).</summary>
    public int LargeListPods { get; set; } = 100_000;

    public int Watchers { get; set; } = 100;

    public int WatchEvents { get; set; } = 10_000;
}
