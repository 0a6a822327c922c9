namespace Ursa.Controllers.Jobs;

/// <summary>
/// Decides a Job's next step from its pods, as Kubernetes' job controller does: keep
/// min(parallelism, completions - succeeded) pods active; Complete once enough pods succeeded; Failed once more
/// pods failed than backoffLimit allows (for restartPolicy OnFailure, container restarts count as failures) or
/// activeDeadlineSeconds passed; a finished Job's remaining pods are deleted; failed pods are replaced only after
/// <see cref="JobBackoff"/>'s delay. Counts never go down, so pods
/// removed later (garbage collection, eviction) do not undo progress. Pure.
/// </summary>
public static class JobPlanner
{
    public const string Complete = "Complete";
    public const string Failed = "Failed";

    public static JobPlan Plan(Job job, IReadOnlyList<Pod> pods, DateTimeOffset now)
    {
        var spec = job.Spec ?? new JobSpec();
        var old = job.Status ?? new JobStatus();
        var active = pods.Where(p => p.Metadata.DeletionTimestamp is null && p.Status?.Phase is not ("Succeeded" or "Failed")).ToList();
        var succeeded = Math.Max(old.Succeeded ?? 0, pods.Count(p => p.Status?.Phase == "Succeeded"));
        var failed = Math.Max(old.Failed ?? 0, pods.Count(p => p.Status?.Phase == "Failed"));
        var status = new JobStatus
        {
            StartTime = old.StartTime ?? (spec.Suspend == true ? null : now),
            CompletionTime = old.CompletionTime,
            Succeeded = succeeded,
            Failed = failed,
            Conditions = old.Conditions?.ToList(),
        };

        if (Finished(old) is null && FailureReason(spec, status, active, now) is { } failure)
        {
            AddCondition(status, Failed, failure.Reason, failure.Message, now);
        }
        else if (Finished(old) is null && succeeded >= (spec.Completions ?? 1))
        {
            AddCondition(status, Complete, "CompletionsReached", "Reached expected number of succeeded pods", now);
            status.CompletionTime = now;
        }

        if (Finished(status) is not null)
        {
            // Nothing more will run: stop what still does.
            status.Active = 0;
            status.Ready = 0;
            return new JobPlan(0, active, status);
        }

        var want = spec.Suspend == true ? 0 : Math.Min(spec.Parallelism ?? 1, (spec.Completions ?? 1) - succeeded);
        status.Active = active.Count;
        status.Ready = active.Count(IsReady);
        if (active.Count > want)
        {
            // Pods that have done the least go first: unscheduled, then not running, then the newest.
            var extra = active.OrderBy(p => string.IsNullOrEmpty(p.Spec?.NodeName) ? 0 : 1)
                .ThenBy(p => p.Status?.Phase == "Running" ? 1 : 0)
                .ThenByDescending(p => p.Metadata.CreationTimestamp)
                .Take(active.Count - want)
                .ToList();
            return new JobPlan(0, extra, status);
        }

        var missing = want - active.Count;
        if (missing > 0 && JobBackoff.Remaining(pods, now) is var wait && wait > TimeSpan.Zero)
        {
            // Failed pods are replaced after the back-off (10 s, 20 s, 40 s … 6 min), not at once.
            return new JobPlan(0, [], status, wait);
        }

        return new JobPlan(missing, [], status);
    }

    /// <summary>The Job's terminal condition type (Complete or Failed), or null while it runs.</summary>
    public static string? Finished(JobStatus? status) =>
        status?.Conditions?.FirstOrDefault(c => c.Type is Complete or Failed && c.Status == "True")?.Type;

    /// <summary>Status equality for the fields the controller writes.</summary>
    public static bool SameAs(JobStatus a, JobStatus? b) =>
        b is not null && a.Active == b.Active && a.Succeeded == b.Succeeded && a.Failed == b.Failed && a.Ready == b.Ready
        && a.StartTime == b.StartTime && a.CompletionTime == b.CompletionTime
        && (a.Conditions?.Count ?? 0) == (b.Conditions?.Count ?? 0);

    private static (string Reason, string Message)? FailureReason(JobSpec spec, JobStatus status, List<Pod> active, DateTimeOffset now)
    {
        var limit = spec.BackoffLimit ?? 6;
        var onFailure = spec.Template?.Spec?.RestartPolicy == "OnFailure";
        var restarts = active.Sum(p => (p.Status?.ContainerStatuses ?? []).Sum(c => c.RestartCount ?? 0) + (p.Status?.VirtualMachineStatus?.RestartCount ?? 0));

        // Kubernetes' pastBackoffLimitOnFailure: in-place restarts are the failures of an OnFailure Job.
        if (status.Failed > limit || (onFailure && (limit == 0 ? restarts > 0 : restarts >= limit)))
        {
            return ("BackoffLimitExceeded", "Job has reached the specified backoff limit");
        }

        if (spec.ActiveDeadlineSeconds is { } deadline && status.StartTime is { } started && now - started >= TimeSpan.FromSeconds(deadline))
        {
            return ("DeadlineExceeded", "Job was active longer than specified deadline");
        }

        return null;
    }

    private static void AddCondition(JobStatus status, string type, string reason, string message, DateTimeOffset now)
    {
        status.Conditions ??= [];
        status.Conditions.Add(new JobCondition { Type = type, Status = "True", Reason = reason, Message = message, LastProbeTime = now, LastTransitionTime = now });
    }

    private static bool IsReady(Pod pod) =>
        pod.Status?.Conditions?.Any(c => c.Type == "Ready" && c.Status == "True") == true;
}
