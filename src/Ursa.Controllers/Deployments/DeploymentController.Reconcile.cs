using System.Text.Json;
using System.Text.Json.Nodes;
using Ursa.Api.Serialization;
using Ursa.Client.Rest;

namespace Ursa.Controllers.Deployments;

public sealed partial class DeploymentController
{
    private async Task ReconcileAsync(string key, CancellationToken cancellationToken)
    {
        var deployment = _deployments.Get(key);
        if (deployment is null || deployment.Metadata.DeletionTimestamp is not null)
        {
            return;
        }

        var sets = OwnedSets(deployment);
        var newSet = sets.FirstOrDefault(s => PodTemplates.EqualIgnoreHash(s.Spec?.Template, deployment.Spec?.Template));
        var oldSets = sets.Where(s => s != newSet).ToList();
        var nextRevision = oldSets.Select(Revisions.Of).DefaultIfEmpty(0).Max() + 1;
        var created = false;
        if (deployment.Spec?.Paused != true)
        {
            var step = RolloutPlanner.Plan(deployment, newSet, oldSets);
            if (newSet is null && step.NewReplicas is { } initial)
            {
                newSet = await CreateSetAsync(key, deployment, nextRevision, initial, cancellationToken).ConfigureAwait(false);
                created = true;
                sets.Add(newSet);
            }
            else if (newSet is not null)
            {
                // A rollback revives an old ReplicaSet: it becomes the newest revision again.
                var revision = Revisions.Of(newSet) >= nextRevision ? Revisions.Of(newSet) : nextRevision;
                await ScaleAsync(key, deployment, newSet, step.NewReplicas ?? RolloutPlanner.Spec(newSet), revision, cancellationToken).ConfigureAwait(false);
            }

            foreach (var set in oldSets.Where(s => step.OldReplicas.ContainsKey(s.Metadata.Name!)))
            {
                await ScaleAsync(key, deployment, set, step.OldReplicas[set.Metadata.Name!], null, cancellationToken).ConfigureAwait(false);
            }

            await PruneHistoryAsync(key, deployment, oldSets, cancellationToken).ConfigureAwait(false);
        }

        if (newSet is not null)
        {
            await AnnotateRevisionAsync(deployment, newSet, cancellationToken).ConfigureAwait(false);
        }

        await UpdateStatusAsync(key, deployment, newSet, sets, created, cancellationToken).ConfigureAwait(false);
    }

    private async Task<ReplicaSet> CreateSetAsync(string key, Deployment deployment, long revision, int replicas, CancellationToken cancellationToken)
    {
        var hash = PodTemplates.Hash(deployment.Spec?.Template, deployment.Status?.CollisionCount);
        var template = PodTemplates.Clone(deployment.Spec?.Template);
        template.Metadata ??= new ObjectMeta();
        template.Metadata.Labels = new Dictionary<string, string>(template.Metadata.Labels ?? [], StringComparer.Ordinal) { [PodTemplates.HashLabel] = hash };
        var selector = new LabelSelector
        {
            MatchLabels = new Dictionary<string, string>(deployment.Spec?.Selector?.MatchLabels ?? [], StringComparer.Ordinal) { [PodTemplates.HashLabel] = hash },
            MatchExpressions = deployment.Spec?.Selector?.MatchExpressions,
        };
        var set = new ReplicaSet
        {
            Metadata = new ObjectMeta
            {
                Name = $"{deployment.Metadata.Name}-{hash}",
                Namespace = deployment.Metadata.Namespace,
                Tenant = deployment.Metadata.Tenant,
                Labels = new Dictionary<string, string>(template.Metadata.Labels, StringComparer.Ordinal),
                Annotations = Revisions.ForReplicaSet(deployment, revision, RolloutPlanner.Bounds(deployment).Surge),
                OwnerReferences =
                [
                    new OwnerReference { ApiVersion = "apps/v1", Kind = "Deployment", Name = deployment.Metadata.Name, Uid = deployment.Metadata.Uid, Controller = true, BlockOwnerDeletion = true },
                ],
            },
            Spec = new ReplicaSetSpec { Replicas = replicas, MinReadySeconds = deployment.Spec?.MinReadySeconds, Selector = selector, Template = template },
        };
        try
        {
            var stored = await _client.CreateAsync(ResourceRef.ReplicaSets, set, cancellationToken).ConfigureAwait(false);
            Log.CreatedSet(_logger, key, stored.Metadata.Name!, revision, replicas);
            return stored;
        }
        catch (ApiStatusException e) when (e.IsAlreadyExists)
        {
            var existing = await _client.GetAsync<ReplicaSet>(ResourceRef.ReplicaSets, set.Metadata.Tenant, set.Metadata.Namespace, set.Metadata.Name, cancellationToken).ConfigureAwait(false);
            if (existing.Metadata.OwnerReferences?.Any(o => o.Controller == true && o.Uid == deployment.Metadata.Uid) == true
                && PodTemplates.EqualIgnoreHash(existing.Spec?.Template, deployment.Spec?.Template))
            {
                // Ours, only not in the cache yet.
                return existing;
            }

            // A foreign object holds the name: count the collision so the next hash (and name) differs.
            var patch = new JsonObject { ["status"] = new JsonObject { ["collisionCount"] = (deployment.Status?.CollisionCount ?? 0) + 1 } }.ToJsonString();
            await _client.PatchAsync<Deployment>(ResourceRef.Deployments, deployment.Metadata.Tenant, deployment.Metadata.Namespace, deployment.Metadata.Name!, PatchType.Merge, patch, "status", cancellationToken).ConfigureAwait(false);
            throw;
        }
    }

    private async Task ScaleAsync(string key, Deployment deployment, ReplicaSet set, int replicas, long? revision, CancellationToken cancellationToken)
    {
        var annotations = new JsonObject();
        var current = set.Metadata.Annotations ?? [];
        void Want(string name, string value)
        {
            if (current.GetValueOrDefault(name) != value)
            {
                annotations[name] = value;
            }
        }

        if (revision is { } r)
        {
            var fresh = Revisions.ForReplicaSet(deployment, r, RolloutPlanner.Bounds(deployment).Surge);
            foreach (var (name, value) in fresh)
            {
                Want(name, value);
            }
        }

        if (annotations.Count == 0 && RolloutPlanner.Spec(set) == replicas)
        {
            return;
        }

        var patch = new JsonObject { ["spec"] = new JsonObject { ["replicas"] = replicas } };
        if (annotations.Count > 0)
        {
            patch["metadata"] = new JsonObject { ["annotations"] = annotations };
        }

        await _client.PatchAsync<ReplicaSet>(ResourceRef.ReplicaSets, set.Metadata.Tenant, set.Metadata.Namespace, set.Metadata.Name!, PatchType.Merge, patch.ToJsonString(), null, cancellationToken).ConfigureAwait(false);
        Log.Scaled(_logger, key, set.Metadata.Name!, replicas);
    }

    private async Task AnnotateRevisionAsync(Deployment deployment, ReplicaSet newSet, CancellationToken cancellationToken)
    {
        var revision = newSet.Metadata.Annotations?.GetValueOrDefault(Revisions.RevisionAnnotation);
        if (revision is null || deployment.Metadata.Annotations?.GetValueOrDefault(Revisions.RevisionAnnotation) == revision)
        {
            return;
        }

        var patch = new JsonObject { ["metadata"] = new JsonObject { ["annotations"] = new JsonObject { [Revisions.RevisionAnnotation] = revision } } }.ToJsonString();
        await _client.PatchAsync<Deployment>(ResourceRef.Deployments, deployment.Metadata.Tenant, deployment.Metadata.Namespace, deployment.Metadata.Name!, PatchType.Merge, patch, null, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Deletes drained old ReplicaSets beyond revisionHistoryLimit, lowest revision first.</summary>
    private async Task PruneHistoryAsync(string key, Deployment deployment, List<ReplicaSet> oldSets, CancellationToken cancellationToken)
    {
        var limit = deployment.Spec?.RevisionHistoryLimit ?? 10;
        var drained = oldSets.Where(s => RolloutPlanner.Spec(s) == 0 && (s.Status?.Replicas ?? 0) == 0).OrderBy(Revisions.Of).ToList();
        foreach (var set in drained.Take(Math.Max(0, drained.Count - limit)))
        {
            try
            {
                await _client.DeleteAsync(ResourceRef.ReplicaSets, set.Metadata.Tenant, set.Metadata.Namespace, set.Metadata.Name!, null, cancellationToken).ConfigureAwait(false);
                Log.PrunedSet(_logger, key, set.Metadata.Name!);
            }
            catch (ApiStatusException e) when (e.IsNotFound)
            {
            }
        }
    }

    private async Task UpdateStatusAsync(string key, Deployment deployment, ReplicaSet? newSet, List<ReplicaSet> sets, bool created, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        var status = DeploymentStatusCalculator.Compute(deployment, newSet, sets, created, now);
        if (!DeploymentStatusCalculator.IsComplete(deployment, status) && deployment.Spec?.ProgressDeadlineSeconds is { } deadline
            && status.Conditions?.FirstOrDefault(c => c.Type == DeploymentStatusCalculator.Progressing) is { Status: "True", LastUpdateTime: { } since })
        {
            // Nothing else wakes a stuck rollout: look again when its deadline passes.
            _queue.AddAfter(key, since + TimeSpan.FromSeconds(deadline) - now + TimeSpan.FromSeconds(1));
        }

        if (DeploymentStatusCalculator.SameAs(status, deployment.Status))
        {
            return;
        }

        var patch = new JsonObject { ["status"] = JsonSerializer.SerializeToNode(status, UrsaJsonContext.Default.DeploymentStatus) }.ToJsonString();
        try
        {
            await _client.PatchAsync<Deployment>(ResourceRef.Deployments, deployment.Metadata.Tenant, deployment.Metadata.Namespace, deployment.Metadata.Name!, PatchType.Merge, patch, "status", cancellationToken).ConfigureAwait(false);
        }
        catch (ApiStatusException e) when (e.IsNotFound)
        {
        }
    }
}
