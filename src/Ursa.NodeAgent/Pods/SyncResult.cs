namespace Ursa.NodeAgent.Pods;

/// <summary>Outcome of one pod sync: when to look at the pod again even if nothing changes (a back-off ending).</summary>
public readonly record struct SyncResult(TimeSpan? RequeueAfter)
{
    public static SyncResult Done => default;

    public static SyncResult After(TimeSpan delay) => new(delay);

    /// <summary>The earlier of two requeue times.</summary>
    public static TimeSpan? Earliest(TimeSpan? a, TimeSpan? b) => a is null ? b : b is null ? a : a < b ? a : b;
}
