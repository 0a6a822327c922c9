namespace Ursa.Scheduler.Framework;

/// <summary>The outcome of one scheduling attempt: a node, or why no node fits (reason → number of nodes).</summary>
public sealed record SchedulingResult(NodeInfo? Node, IReadOnlyDictionary<string, int> Reasons, int NodeCount)
{
    /// <summary>Kubernetes' wording: <c>0/5 nodes are available: 3 Insufficient cpu, 2 node(s) had no ready VM runtime.</c></summary>
    public string Message =>
        $"0/{NodeCount} nodes are available: " +
        (Reasons.Count == 0 ? "no nodes registered" : string.Join(", ", Reasons.OrderByDescending(r => r.Value).ThenBy(r => r.Key, StringComparer.Ordinal).Select(r => $"{r.Value} {r.Key}"))) + ".";
}
