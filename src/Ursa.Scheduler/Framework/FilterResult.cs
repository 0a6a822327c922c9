namespace Ursa.Scheduler.Framework;

/// <summary>Whether a node can take a pod; when not, the reason shown in PodScheduled=False
/// (e.g. "Insufficient cpu"), aggregated per reason across nodes.</summary>
public readonly record struct FilterResult(bool Fits, string? Reason)
{
    public static readonly FilterResult Success = new(true, null);

    public static FilterResult Fail(string reason) => new(false, reason);
}
