using System.Text.Json.Nodes;

namespace Ursa.Qmp;

/// <summary>
/// QEMU jobs (<c>snapshot-save</c>, <c>snapshot-load</c>, <c>snapshot-delete</c>, ...) run to their end: the
/// command only starts a job; its outcome arrives later as <c>JOB_STATUS_CHANGE</c> and <c>query-jobs</c>.
/// </summary>
public static class QmpJobs
{
    /// <summary>How often <c>query-jobs</c> is asked for progress while a job runs, when progress is wanted.</summary>
    public static readonly TimeSpan ProgressInterval = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// Executes <paramref name="command"/>, waits for its job to reach <c>concluded</c>, reads the job's error from
    /// <c>query-jobs</c>, dismisses it (<c>job-dismiss</c>), and throws when it failed.
    /// </summary>
    /// <param name="arguments">The command's arguments, including <c>job-id</c>.</param>
    /// <param name="progress">Receives the job's progress every <see cref="ProgressInterval"/> and at its end; null for none.</param>
    /// <exception cref="QmpException">The command was refused, or the job failed (<see cref="QmpException.Class"/> <see cref="QmpException.JobFailedClass"/>, description = the job's error).</exception>
    /// <remarks>
    /// The job must be one QEMU keeps until dismissed (snapshot jobs are): a job QEMU dismisses itself is gone from
    /// <c>query-jobs</c> when it concludes, and is then reported as succeeded. Cancelling stops the wait, not the job.
    /// </remarks>
    public static async Task RunJobAsync(this IQmpClient client, string command, JsonObject arguments, IProgress<QmpJobProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var jobId = arguments["job-id"]?.GetValue<string>() ?? throw new ArgumentException($"{command}: arguments must include job-id", nameof(arguments));

        // Listen before executing: a short job (snapshot-load of 128 MB: ~0.1 s) can conclude before the reply is read.
        using var concluded = client.ExpectEvent("JOB_STATUS_CHANGE", e =>
            e.Data["id"]?.GetValue<string>() == jobId && e.Data["status"]?.GetValue<string>() == "concluded");
        await client.ExecuteAsync(command, arguments, cancellationToken);
        var done = concluded.WaitAsync(cancellationToken);
        if (progress is not null)
        {
            await ReportProgressAsync(client, jobId, done, progress, cancellationToken);
        }

        await done;
        var job = await QueryJobAsync(client, jobId, cancellationToken);
        if (job is null)
        {
            return;
        }

        progress?.Report(Progress(jobId, job));
        await client.ExecuteAsync("job-dismiss", new JsonObject { ["id"] = jobId }, cancellationToken);
        if (job["error"]?.GetValue<string>() is { } error)
        {
            throw new QmpException(command, QmpException.JobFailedClass, error);
        }
    }

    private static async Task ReportProgressAsync(IQmpClient client, string jobId, Task done, IProgress<QmpJobProgress> progress, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(ProgressInterval, client.TimeProvider);
        while (true)
        {
            var tick = timer.WaitForNextTickAsync(cancellationToken).AsTask();
            if (await Task.WhenAny(done, tick) == done)
            {
                return;
            }

            await tick;
            if (await QueryJobAsync(client, jobId, cancellationToken) is { } job)
            {
                progress.Report(Progress(jobId, job));
            }
        }
    }

    private static async Task<JsonObject?> QueryJobAsync(IQmpClient client, string jobId, CancellationToken cancellationToken)
    {
        var jobs = await client.ExecuteAsync("query-jobs", null, cancellationToken) as JsonArray ?? [];
        return jobs.OfType<JsonObject>().FirstOrDefault(j => j["id"]?.GetValue<string>() == jobId);
    }

    private static QmpJobProgress Progress(string jobId, JsonObject job) => new(
        jobId,
        job["status"]?.GetValue<string>() ?? "",
        job["current-progress"]?.GetValue<long>() ?? 0,
        job["total-progress"]?.GetValue<long>() ?? 0);
}
