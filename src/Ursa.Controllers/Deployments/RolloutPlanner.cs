namespace Ursa.Controllers.Deployments;

/// <summary>
/// Decides the next step of a Deployment's rollout from its ReplicaSets, as Kubernetes' deployment controller
/// does: one step per sync (scale the new ReplicaSet up, or the old ones down), each bounded so that at most
/// replicas + maxSurge pods exist and at least replicas - maxUnavailable are available. Pure: the controller
/// applies the step and the next sync (triggered by the ReplicaSets' status changes) plans the next one.
/// </summary>
public static class RolloutPlanner
{
    /// <param name="deployment">The Deployment (spec defaulted by the API server).</param>
    /// <param name="newSet">The ReplicaSet whose template matches, or null if it does not exist yet.</param>
    /// <param name="oldSets">The Deployment's other ReplicaSets, oldest first.</param>
    public static RolloutStep Plan(Deployment deployment, ReplicaSet? newSet, IReadOnlyList<ReplicaSet> oldSets)
    {
        var replicas = deployment.Spec?.Replicas ?? 1;
        return deployment.Spec?.Strategy?.Type == "Recreate"
            ? Recreate(replicas, newSet, oldSets)
            : Rolling(deployment, replicas, newSet, oldSets);
    }

    /// <summary>maxSurge rounds up and maxUnavailable down; both zero would deadlock, so unavailable becomes 1.</summary>
    public static (int Surge, int Unavailable) Bounds(Deployment deployment)
    {
        var replicas = deployment.Spec?.Replicas ?? 1;
        if (deployment.Spec?.Strategy?.Type == "Recreate")
        {
            return (0, replicas);
        }

        var rolling = deployment.Spec?.Strategy?.RollingUpdate;
        var surge = (rolling?.MaxSurge ?? IntOrString.FromString("25%")).ScaledValue(replicas, roundUp: true);
        var unavailable = (rolling?.MaxUnavailable ?? IntOrString.FromString("25%")).ScaledValue(replicas, roundUp: false);
        if (surge == 0 && unavailable == 0)
        {
            unavailable = 1;
        }

        return (surge, Math.Min(unavailable, replicas));
    }

    private static RolloutStep Recreate(int replicas, ReplicaSet? newSet, IReadOnlyList<ReplicaSet> oldSets)
    {
        var scaleDown = oldSets.Where(s => Spec(s) > 0).ToDictionary(s => s.Metadata.Name!, _ => 0, StringComparer.Ordinal);
        if (scaleDown.Count > 0)
        {
            return new RolloutStep(null, scaleDown);
        }

        // Recreate means no old pod runs beside a new one: wait until the old ReplicaSets report none left.
        if (oldSets.Any(s => (s.Status?.Replicas ?? 0) > 0))
        {
            return RolloutStep.None;
        }

        return newSet is null || Spec(newSet) != replicas ? new RolloutStep(replicas, new Dictionary<string, int>()) : RolloutStep.None;
    }

    private static RolloutStep Rolling(Deployment deployment, int replicas, ReplicaSet? newSet, IReadOnlyList<ReplicaSet> oldSets)
    {
        var newSpec = newSet is null ? 0 : Spec(newSet);
        if (oldSets.All(s => Spec(s) == 0))
        {
            // Nothing to replace: a plain scale (or a finished rollout).
            return newSet is null || newSpec != replicas ? new RolloutStep(replicas, new Dictionary<string, int>()) : RolloutStep.None;
        }

        var (surge, unavailable) = Bounds(deployment);
        var total = newSpec + oldSets.Sum(Spec);
        var target = newSpec;
        if (newSpec > replicas)
        {
            target = replicas;
        }
        else if (newSpec < replicas && total < replicas + surge)
        {
            target = newSpec + Math.Min(replicas + surge - total, replicas - newSpec);
        }

        if (newSet is null || target != newSpec)
        {
            return new RolloutStep(target, new Dictionary<string, int>());
        }

        return new RolloutStep(null, ScaleDownOld(replicas, unavailable, newSet, oldSets));
    }

    private static Dictionary<string, int> ScaleDownOld(int replicas, int unavailable, ReplicaSet newSet, IReadOnlyList<ReplicaSet> oldSets)
    {
        var minAvailable = replicas - unavailable;
        var targets = oldSets.ToDictionary(s => s.Metadata.Name!, Spec, StringComparer.Ordinal);
        var newUnavailable = Spec(newSet) - Available(newSet);
        var budget = Spec(newSet) + oldSets.Sum(Spec) - minAvailable - newUnavailable;
        if (budget <= 0)
        {
            return [];
        }

        // First the old pods that are not available anyway: removing them costs no availability.
        foreach (var set in oldSets)
        {
            var unhealthy = Math.Min(targets[set.Metadata.Name!] - Available(set), budget);
            if (unhealthy > 0)
            {
                targets[set.Metadata.Name!] -= unhealthy;
                budget -= unhealthy;
            }
        }

        // Then available ones, oldest ReplicaSet first, down to the minimum availability.
        var canRemove = Available(newSet) + oldSets.Sum(s => Math.Min(Available(s), targets[s.Metadata.Name!])) - minAvailable;
        foreach (var set in oldSets)
        {
            var name = set.Metadata.Name!;
            var remove = Math.Min(targets[name], canRemove);
            if (remove > 0)
            {
                targets[name] -= remove;
                canRemove -= remove;
            }
        }

        return oldSets.Where(s => targets[s.Metadata.Name!] != Spec(s)).ToDictionary(s => s.Metadata.Name!, s => targets[s.Metadata.Name!], StringComparer.Ordinal);
    }

    internal static int Spec(ReplicaSet set) => set.Spec?.Replicas ?? 0;

    internal static int Available(ReplicaSet set) => set.Status?.AvailableReplicas ?? 0;
}
