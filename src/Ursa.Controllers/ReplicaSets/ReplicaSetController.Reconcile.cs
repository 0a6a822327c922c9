using Ursa.Client.Rest;

namespace Ursa.Controllers.ReplicaSets;

public sealed partial class ReplicaSetController
{
    private async Task ReconcileAsync(string key, CancellationToken cancellationToken)
    {
        var set = _sets.Get(key);
        if (set is null || set.Metadata.DeletionTimestamp is not null)
        {
            _expectations.TryRemove(key, out _);
            return;
        }

        var pods = OwnedActivePods(set);
        var want = set.Spec?.Replicas ?? 1;
        if (_expectations.TryGetValue(key, out var pending) && !pending.Satisfied && _time.GetUtcNow() - pending.IssuedAt < ExpectationTimeout)
        {
            // Our last writes are not in the cache yet: acting now would count them twice.
            await UpdateStatusAsync(set, pods, cancellationToken).ConfigureAwait(false);
            return;
        }

        Log.Scaling(_logger, key, pods.Count, want);
        if (pods.Count < want)
        {
            var missing = want - pods.Count;
            _expectations[key] = new Expectation(missing, 0, _time.GetUtcNow());
            await SlowStart.CreateAsync(missing, ct => _client.CreateAsync(ResourceRef.Pods, PodFor(set), ct), _expectations.GetValueOrDefault(key), cancellationToken).ConfigureAwait(false);
        }
        else if (pods.Count > want)
        {
            // Unbound and not-yet-running pods go first: they have done the least work.
            var victims = pods.OrderBy(p => string.IsNullOrEmpty(p.Spec?.NodeName) ? 0 : 1)
                .ThenBy(p => p.Status?.Phase == "Running" ? 1 : 0)
                .ThenByDescending(p => p.Metadata.CreationTimestamp)
                .Take(pods.Count - want)
                .ToList();
            _expectations[key] = new Expectation(0, victims.Count, _time.GetUtcNow());
            foreach (var pod in victims)
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

        await UpdateStatusAsync(set, pods, cancellationToken).ConfigureAwait(false);
    }

    private async Task UpdateStatusAsync(ReplicaSet set, List<Pod> pods, CancellationToken cancellationToken)
    {
        var ready = pods.Count(IsReady);
        var status = set.Status ?? new ReplicaSetStatus();
        if (status.Replicas == pods.Count && status.ReadyReplicas == ready && status.AvailableReplicas == ready && status.ObservedGeneration == set.Metadata.Generation)
        {
            return;
        }

        var patch = new System.Text.Json.Nodes.JsonObject
        {
            ["status"] = new System.Text.Json.Nodes.JsonObject
            {
                ["replicas"] = pods.Count,
                ["fullyLabeledReplicas"] = pods.Count,
                ["readyReplicas"] = ready,
                ["availableReplicas"] = ready,
                ["observedGeneration"] = set.Metadata.Generation ?? 0,
            },
        }.ToJsonString();
        try
        {
            await _client.PatchAsync<ReplicaSet>(ResourceRef.ReplicaSets, set.Metadata.Tenant, set.Metadata.Namespace, set.Metadata.Name!, PatchType.Merge, patch, "status", cancellationToken).ConfigureAwait(false);
        }
        catch (ApiStatusException e) when (e.IsNotFound)
        {
        }
    }

    private static bool IsReady(Pod pod) =>
        pod.Status?.Conditions?.Any(c => c.Type == "Ready" && c.Status == "True") == true;

    private static Pod PodFor(ReplicaSet set)
    {
        var template = set.Spec?.Template;
        var labels = new Dictionary<string, string>(template?.Metadata?.Labels ?? [], StringComparer.Ordinal);
        return new Pod
        {
            Metadata = new ObjectMeta
            {
                GenerateName = $"{set.Metadata.Name}-",
                Namespace = set.Metadata.Namespace,
                Tenant = set.Metadata.Tenant,
                Labels = labels,
                Annotations = template?.Metadata?.Annotations,
                OwnerReferences =
                [
                    new OwnerReference { ApiVersion = "apps/v1", Kind = "ReplicaSet", Name = set.Metadata.Name, Uid = set.Metadata.Uid, Controller = true, BlockOwnerDeletion = true },
                ],
            },
            Spec = template?.Spec,
        };
    }
}
