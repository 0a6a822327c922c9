namespace Ursa.Benchmarks.Etcd;

/// <summary>Sizes of <c>ursa bench etcd-ratio</c>; the defaults are the figures.</summary>
public sealed class EtcdRatioBenchmarkOptions
{
    /// <summary>Concurrent callers in every phase (raw puts, store creates, API creates). Default 64.</summary>
    public int Clients { get; set; } = 64;

    /// <summary>Raw puts per measured run (run twice: before and after the API phase). Default 30,000.</summary>
    public int Puts { get; set; } = 30_000;

    /// <summary>Size of each raw put's value. Default 1 KiB, about the size of a stored pod.</summary>
    public int ValueBytes { get; set; } = 1024;

    /// <summary>Pods created through the API server in the measured run. Default 20,000.</summary>
    public int Pods { get; set; } = 20_000;

    /// <summary>
    /// Unmeasured operations before each phase (puts, store creates, pod creates). Default 5,000: with 2,000, a
    /// profile of the server's measured phase still showed a quarter of its CPU in the JIT (tiered compilation
    /// promoting methods), on a loaded machine.
    /// </summary>
    public int Warmup { get; set; } = 5_000;

    /// <summary>
    /// Most warm-up rounds of <see cref="Warmup"/> pod creates before the API phase is measured; the rounds stop
    /// earlier once the server's CPU per create has settled (the JIT has promoted the hot methods). Default 8.
    /// </summary>
    public int MaxWarmupRounds { get; set; } = 8;
}
