namespace Ursa.Benchmarks.PodStartup;

/// <summary>Settings of <c>ursa bench pod-startup</c>.</summary>
public sealed class PodStartupBenchmarkOptions
{
    /// <summary>Pods per phase (the target is stated at 50).</summary>
    public int Pods { get; set; } = 50;

    /// <summary>Concurrent creates in the burst phase; the raw CRI burst uses the agent's worker count.</summary>
    public int BurstWorkers { get; set; } = 8;

    /// <summary>How long idle CPU is sampled with all pods running.</summary>
    public TimeSpan IdleSample { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Quiet time before the idle sample, so it reads the steady state the issue asks for, not the tail of the burst
    /// (the last status writes and the JIT's background tier-up of the hot paths).
    /// </summary>
    public TimeSpan IdleSettle { get; set; } = TimeSpan.FromSeconds(30);
}
