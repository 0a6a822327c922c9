namespace Ursa.Controllers.Jobs;

/// <summary>
/// Kubernetes' Job pod-failure back-off: after n failures since the last success, a replacement pod is created
/// only 10 s × 2^(n-1) (capped at 6 min) after the latest failure. Computed from the pods themselves (finish
/// times), so the controller stays level-triggered: it skips the create and re-queues the Job for the remaining
/// delay. Kubernetes keeps the same record in memory, which a restart loses too; failed pods removed by garbage
/// collection drop out of it here. Pure.
/// </summary>
public static class JobBackoff
{
    public static readonly TimeSpan Initial = TimeSpan.FromSeconds(10);
    public static readonly TimeSpan Max = TimeSpan.FromMinutes(6);

    /// <summary>How long to wait before creating a replacement pod; zero when it may be created now.</summary>
    public static TimeSpan Remaining(IReadOnlyList<Pod> pods, DateTimeOffset now)
    {
        var lastSuccess = DateTimeOffset.MinValue;
        foreach (var pod in pods)
        {
            if (pod.Status?.Phase == "Succeeded" && FinishTime(pod) is { } finished && finished > lastSuccess)
            {
                lastSuccess = finished;
            }
        }

        var failures = 0;
        DateTimeOffset? lastFailure = null;
        foreach (var pod in pods)
        {
            if (pod.Status?.Phase == "Failed" && FinishTime(pod) is { } finished && finished > lastSuccess)
            {
                failures++;
                lastFailure = lastFailure is { } latest && latest > finished ? latest : finished;
            }
        }

        if (lastFailure is not { } last)
        {
            return TimeSpan.Zero;
        }

        var remaining = Delay(failures) - (now - last);
        return remaining > TimeSpan.Zero ? remaining : TimeSpan.Zero;
    }

    /// <summary>10 s, 20 s, 40 s … for the 1st, 2nd, 3rd failure in a row, at most <see cref="Max"/>.</summary>
    public static TimeSpan Delay(int failures)
    {
        var delay = Initial;
        for (var i = 1; i < failures && delay < Max; i++)
        {
            delay *= 2;
        }

        return delay < Max ? delay : Max;
    }

    /// <summary>
    /// When a pod finished, as Kubernetes reads it: the Ready=False transition, else the last container's
    /// finishedAt, else the deletion or creation time; null when the pod carries none of them.
    /// </summary>
    public static DateTimeOffset? FinishTime(Pod pod)
    {
        if (pod.Status?.Conditions?.FirstOrDefault(c => c.Type == "Ready" && c.Status == "False")?.LastTransitionTime is { } notReady)
        {
            return notReady;
        }

        var finished = pod.Status?.ContainerStatuses?.Select(c => c.State?.Terminated?.FinishedAt).Where(t => t is not null).Max();
        return finished ?? pod.Metadata.DeletionTimestamp ?? pod.Metadata.CreationTimestamp;
    }
}
