namespace Ursa.Benchmarks.Controllers;

/// <summary>Sizes of <c>ursa bench controllers</c>.</summary>
public sealed class ControllerBenchmarkOptions
{
    /// <summary>The ReplicaSet is scaled from 0 to this.</summary>
    public int Replicas { get; set; } = 10_000;

    /// <summary>Hollow nodes (110 pods each, so 200 hold 22,000).</summary>
    public int Nodes { get; set; } = 200;
}
