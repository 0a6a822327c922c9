namespace Ursa.Controllers.Deployments;

/// <summary>
/// One step of a rollout: the replica count the new ReplicaSet should have (null: leave it, or do not create
/// it yet) and new counts for old ReplicaSets by name (absent: unchanged).
/// </summary>
public sealed record RolloutStep(int? NewReplicas, IReadOnlyDictionary<string, int> OldReplicas)
{
    public static RolloutStep None { get; } = new(null, new Dictionary<string, int>());
}
