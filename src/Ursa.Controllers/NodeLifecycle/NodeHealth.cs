namespace Ursa.Controllers.NodeLifecycle;

/// <summary>
/// The node lifecycle controller's rules, pure: the unreachable taints, whether a node's heartbeat is stale,
/// and when a pod on an unreachable node is evicted (Kubernetes' taint manager: at once without a matching
/// NoExecute toleration, never with one that has no tolerationSeconds, else after tolerationSeconds).
/// </summary>
public static class NodeHealth
{
    public const string UnreachableTaint = "node.kubernetes.io/unreachable";

    /// <summary>The taints an unreachable node gets (both effects, as Kubernetes does).</summary>
    public static Taint[] UnreachableTaints(DateTimeOffset now) =>
    [
        new Taint { Key = UnreachableTaint, Effect = "NoSchedule", TimeAdded = now },
        new Taint { Key = UnreachableTaint, Effect = "NoExecute", TimeAdded = now },
    ];

    public static bool IsUnreachableTaint(Taint taint) => taint.Key == UnreachableTaint;

    /// <summary>When the unreachable NoExecute taint was added, or null when the node does not carry it.</summary>
    public static DateTimeOffset? TaintedSince(Node node) =>
        node.Spec?.Taints?.FirstOrDefault(t => t.Key == UnreachableTaint && t.Effect == "NoExecute") is { } taint ? taint.TimeAdded ?? DateTimeOffset.MinValue : null;

    public static bool Stale(DateTimeOffset lastHeartbeat, DateTimeOffset now, TimeSpan grace) => now - lastHeartbeat > grace;

    /// <summary>When the pod must go from a node tainted unreachable since <paramref name="taintedAt"/>; null = it tolerates it forever.</summary>
    public static DateTimeOffset? EvictionTime(Pod pod, DateTimeOffset taintedAt)
    {
        var matching = (pod.Spec?.Tolerations ?? []).Where(Tolerates).ToList();
        if (matching.Count == 0)
        {
            return taintedAt;
        }

        if (matching.Any(t => t.TolerationSeconds is null))
        {
            return null;
        }

        // The shortest toleration wins (Kubernetes' getMinTolerationTime); negative means at once.
        var seconds = Math.Max(0, matching.Min(t => t.TolerationSeconds!.Value));
        return taintedAt.AddSeconds(seconds);
    }

    private static bool Tolerates(Toleration t) =>
        t.Effect is null or "" or "NoExecute"
        && (t.Operator == "Exists" ? t.Key is null or "" || t.Key == UnreachableTaint : t.Key == UnreachableTaint && string.IsNullOrEmpty(t.Value));
}
