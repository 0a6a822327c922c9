namespace Ursa.Controllers.Deployments;

/// <summary>
/// A Deployment's status from its ReplicaSets, with the Available and Progressing conditions written the way
/// Kubernetes writes them (reasons, messages, when lastUpdateTime and lastTransitionTime move), because
/// <c>kubectl rollout status</c> and dashboards read exactly those. Pure.
/// </summary>
public static class DeploymentStatusCalculator
{
    public const string Available = "Available";
    public const string Progressing = "Progressing";
    public const string NewReplicaSetCreated = "NewReplicaSetCreated";
    public const string ReplicaSetUpdated = "ReplicaSetUpdated";
    public const string NewReplicaSetAvailable = "NewReplicaSetAvailable";
    public const string ProgressDeadlineExceeded = "ProgressDeadlineExceeded";

    /// <param name="deployment">The Deployment as cached (its current status is the baseline).</param>
    /// <param name="newSet">The new ReplicaSet, if it exists.</param>
    /// <param name="sets">All the Deployment's ReplicaSets, new and old.</param>
    /// <param name="createdNewSet">This sync created the new ReplicaSet.</param>
    /// <param name="now">The clock.</param>
    public static DeploymentStatus Compute(Deployment deployment, ReplicaSet? newSet, IReadOnlyList<ReplicaSet> sets, bool createdNewSet, DateTimeOffset now)
    {
        var replicas = deployment.Spec?.Replicas ?? 1;
        var old = deployment.Status ?? new DeploymentStatus();
        var available = sets.Sum(s => s.Status?.AvailableReplicas ?? 0);
        var status = new DeploymentStatus
        {
            ObservedGeneration = deployment.Metadata.Generation ?? 0,
            Replicas = sets.Sum(s => s.Status?.Replicas ?? 0),
            UpdatedReplicas = newSet?.Status?.Replicas ?? 0,
            ReadyReplicas = sets.Sum(s => s.Status?.ReadyReplicas ?? 0),
            AvailableReplicas = available,
            UnavailableReplicas = Math.Max(0, sets.Sum(RolloutPlanner.Spec) - available),
            CollisionCount = old.CollisionCount,
            Conditions = [.. (old.Conditions ?? []).Select(Copy)],
        };

        var (_, maxUnavailable) = RolloutPlanner.Bounds(deployment);
        if (available >= replicas - maxUnavailable)
        {
            Set(status, Available, "True", "MinimumReplicasAvailable", "Deployment has minimum availability.", now);
        }
        else
        {
            Set(status, Available, "False", "MinimumReplicasUnavailable", "Deployment does not have minimum availability.", now);
        }

        var current = Find(status, Progressing);
        var setName = newSet?.Metadata.Name;
        if (createdNewSet && setName is not null)
        {
            Set(status, Progressing, "True", NewReplicaSetCreated, $"Created new replica set \"{setName}\"", now);
        }
        else if (IsComplete(deployment, status))
        {
            Set(status, Progressing, "True", NewReplicaSetAvailable, setName is null ? $"Deployment \"{deployment.Metadata.Name}\" has successfully progressed." : $"ReplicaSet \"{setName}\" has successfully progressed.", now);
        }
        else if (MadeProgress(old, status))
        {
            // Progress moves lastUpdateTime (the deadline is measured from it) even when the reason is unchanged.
            var message = setName is null ? $"Deployment \"{deployment.Metadata.Name}\" is progressing." : $"ReplicaSet \"{setName}\" is progressing.";
            var transition = current?.Status == "True" ? current.LastTransitionTime : now;
            status.Conditions!.RemoveAll(c => c.Type == Progressing);
            status.Conditions.Add(new DeploymentCondition { Type = Progressing, Status = "True", Reason = ReplicaSetUpdated, Message = message, LastUpdateTime = now, LastTransitionTime = transition });
        }
        else if (current is not null && current.Reason != ProgressDeadlineExceeded && current.Reason != NewReplicaSetAvailable
            && deployment.Spec?.ProgressDeadlineSeconds is { } deadline && current.LastUpdateTime is { } since && now - since > TimeSpan.FromSeconds(deadline))
        {
            Set(status, Progressing, "False", ProgressDeadlineExceeded, setName is null ? $"Deployment \"{deployment.Metadata.Name}\" has timed out progressing." : $"ReplicaSet \"{setName}\" has timed out progressing.", now);
        }

        return status;
    }

    /// <summary>All replicas updated and available, none old left, and this generation observed (Kubernetes' DeploymentComplete).</summary>
    public static bool IsComplete(Deployment deployment, DeploymentStatus status)
    {
        var replicas = deployment.Spec?.Replicas ?? 1;
        return status.UpdatedReplicas == replicas && status.Replicas == replicas && status.AvailableReplicas == replicas
            && status.ObservedGeneration >= (deployment.Metadata.Generation ?? 0);
    }

    /// <summary>Whether two statuses say the same (ignoring condition timestamps' identity).</summary>
    public static bool SameAs(DeploymentStatus a, DeploymentStatus? b) =>
        b is not null && a.ObservedGeneration == b.ObservedGeneration && a.Replicas == b.Replicas && a.UpdatedReplicas == b.UpdatedReplicas
        && a.ReadyReplicas == b.ReadyReplicas && a.AvailableReplicas == b.AvailableReplicas && a.UnavailableReplicas == b.UnavailableReplicas
        && a.CollisionCount == b.CollisionCount
        && (a.Conditions ?? []).Count == (b.Conditions ?? []).Count
        && (a.Conditions ?? []).All(c => Find(b, c.Type!) is { } o && o.Status == c.Status && o.Reason == c.Reason && o.Message == c.Message && o.LastUpdateTime == c.LastUpdateTime);

    private static bool MadeProgress(DeploymentStatus old, DeploymentStatus now) =>
        now.UpdatedReplicas > (old.UpdatedReplicas ?? 0)
        || now.ReadyReplicas > (old.ReadyReplicas ?? 0)
        || now.AvailableReplicas > (old.AvailableReplicas ?? 0)
        || (now.Replicas - now.UpdatedReplicas) < ((old.Replicas ?? 0) - (old.UpdatedReplicas ?? 0));

    /// <summary>Kubernetes' SetDeploymentCondition: same status and reason keeps the old condition; same status keeps lastTransitionTime.</summary>
    private static void Set(DeploymentStatus status, string type, string value, string reason, string message, DateTimeOffset now)
    {
        var current = Find(status, type);
        if (current is not null && current.Status == value && current.Reason == reason)
        {
            return;
        }

        var transition = current is not null && current.Status == value ? current.LastTransitionTime : now;
        status.Conditions!.RemoveAll(c => c.Type == type);
        status.Conditions.Add(new DeploymentCondition { Type = type, Status = value, Reason = reason, Message = message, LastUpdateTime = now, LastTransitionTime = transition });
    }

    private static DeploymentCondition? Find(DeploymentStatus status, string type) => status.Conditions?.FirstOrDefault(c => c.Type == type);

    private static DeploymentCondition Copy(DeploymentCondition c) => new()
    {
        Type = c.Type,
        Status = c.Status,
        Reason = c.Reason,
        Message = c.Message,
        LastUpdateTime = c.LastUpdateTime,
        LastTransitionTime = c.LastTransitionTime,
    };
}
