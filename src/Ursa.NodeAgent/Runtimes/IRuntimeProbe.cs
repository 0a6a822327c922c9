namespace Ursa.NodeAgent.Runtimes;

/// <summary>Asks every registered runtime whether it is ready. Safe to call concurrently; never throws for a
/// runtime that is down (that is a not-ready result), only on cancellation.</summary>
public interface IRuntimeProbe
{
    Task<IReadOnlyList<RuntimeHealth>> ProbeAsync(CancellationToken cancellationToken);
}
