using System.Text.Json;
using System.Text.Json.Nodes;
using Ursa.Api.Serialization;
using Ursa.Client.Rest;

namespace Ursa.Controllers.Jobs;

public sealed partial class JobController
{
    /// <summary>The legacy labels Kubernetes still puts on Job pods beside the batch.kubernetes.io/ ones.</summary>
    public const string JobNameLabel = "job-name";
    public const string ControllerUidLabel = "controller-uid";

    /// <summary>How long an unobserved create or delete is expected before the controller acts again anyway.</summary>
    public static readonly TimeSpan ExpectationTimeout = TimeSpan.FromSeconds(30);

    private async Task ReconcileAsync(string key, CancellationToken cancellationToken)
    {
        var job = _jobs.Get(key);
        if (job is null || job.Metadata.DeletionTimestamp is not null)
        {
            _expectations.TryRemove(key, out _);
            return;
        }

        var now = _time.GetUtcNow();
        var plan = JobPlanner.Plan(job, OwnedPods(job), now);
        var waiting = _expectations.TryGetValue(key, out var pending) && !pending.Satisfied && now - pending.IssuedAt < ExpectationTimeout;
        if (!waiting && (plan.Create > 0 || plan.Delete.Count > 0))
        {
            Log.Syncing(_logger, key, plan.Create, plan.Delete.Count);
            _expectations[key] = new Expectation(plan.Create, plan.Delete.Count, now);
            await SlowStart.CreateAsync(plan.Create, ct => _client.CreateAsync(ResourceRef.Pods, PodFor(job), ct), _expectations.GetValueOrDefault(key), cancellationToken).ConfigureAwait(false);

            foreach (var pod in plan.Delete)
            {
                try
                {
                    await _client.DeleteAsync(ResourceRef.Pods, pod.Metadata.Tenant, pod.Metadata.Namespace, pod.Metadata.Name!, null, cancellationToken).ConfigureAwait(false);
                }
                catch (ApiStatusException e) when (e.IsNotFound)
                {
                    _expectations.GetValueOrDefault(key)?.Observed(deleted: true);
                }
            }
        }

        if (plan.CreateAfter is { } backoff)
        {
            // Level-triggered back-off: nothing sleeps; the Job is looked at again when the delay is over.
            Log.BackingOff(_logger, key, backoff);
            _queue.AddAfter(key, backoff);
        }

        if (JobPlanner.Finished(plan.Status) is { } finished && JobPlanner.Finished(job.Status) is null)
        {
            Log.Finished(_logger, key, finished);
        }

        if (job.Spec?.ActiveDeadlineSeconds is { } deadline && plan.Status.StartTime is { } started && JobPlanner.Finished(plan.Status) is null)
        {
            _queue.AddAfter(key, started + TimeSpan.FromSeconds(deadline) - now);
        }

        if (JobPlanner.SameAs(plan.Status, job.Status))
        {
            return;
        }

        var patch = new JsonObject { ["status"] = JsonSerializer.SerializeToNode(plan.Status, UrsaJsonContext.Default.JobStatus) }.ToJsonString();
        try
        {
            await _client.PatchAsync<Job>(ResourceRef.Jobs, job.Metadata.Tenant, job.Metadata.Namespace, job.Metadata.Name!, PatchType.Merge, patch, "status", cancellationToken).ConfigureAwait(false);
        }
        catch (ApiStatusException e) when (e.IsNotFound)
        {
        }
    }

    private static Pod PodFor(Job job)
    {
        var template = job.Spec?.Template;
        var labels = new Dictionary<string, string>(template?.Metadata?.Labels ?? [], StringComparer.Ordinal)
        {
            [JobNameLabel] = job.Metadata.Name!,
            [ControllerUidLabel] = job.Metadata.Uid!,
        };
        return new Pod
        {
            Metadata = new ObjectMeta
            {
                GenerateName = $"{job.Metadata.Name}-",
                Namespace = job.Metadata.Namespace,
                Tenant = job.Metadata.Tenant,
                Labels = labels,
                Annotations = template?.Metadata?.Annotations,
                OwnerReferences =
                [
                    new OwnerReference { ApiVersion = "batch/v1", Kind = "Job", Name = job.Metadata.Name, Uid = job.Metadata.Uid, Controller = true, BlockOwnerDeletion = true },
                ],
            },
            Spec = template?.Spec,
        };
    }
}
