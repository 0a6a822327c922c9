using System.Text.Json;
using System.Text.Json.Nodes;
using Ursa.Api.Serialization;
using Ursa.Client.Informers;
using Ursa.Client.Rest;

namespace Ursa.Controllers.NodeLifecycle;

public sealed partial class NodeLifecycleController
{
    private async Task ReconcileAsync(string name, CancellationToken cancellationToken)
    {
        if (_nodes.Get(ObjectKeys.OfClusterScoped(name)) is not { } node)
        {
            return;
        }

        var now = _time.GetUtcNow();

        // A node never seen heartbeating gets the grace period from when this controller first looked.
        var heartbeat = _heartbeats.GetOrAdd(name, _ => new Heartbeat(null, now));
        var stale = NodeHealth.Stale(heartbeat.ObservedAt, now, _options.GracePeriod);
        var taintedSince = NodeHealth.TaintedSince(node);
        if (stale && taintedSince is null)
        {
            Log.Unreachable(_logger, name, (now - heartbeat.ObservedAt).TotalSeconds);
            await SetTaintsAsync(node, [.. (node.Spec?.Taints ?? []).Where(t => !NodeHealth.IsUnreachableTaint(t)), .. NodeHealth.UnreachableTaints(now)], cancellationToken).ConfigureAwait(false);
            await MarkUnknownAsync(node, now, cancellationToken).ConfigureAwait(false);
            taintedSince = now;
        }
        else if (!stale && taintedSince is not null)
        {
            Log.Reachable(_logger, name);
            await SetTaintsAsync(node, [.. node.Spec!.Taints!.Where(t => !NodeHealth.IsUnreachableTaint(t))], cancellationToken).ConfigureAwait(false);
            return;
        }

        if (taintedSince is { } since)
        {
            await EvictAsync(name, since, now, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task EvictAsync(string node, DateTimeOffset since, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var next = (DateTimeOffset?)null;
        foreach (var pod in _pods.List().Where(p => p.Spec?.NodeName == node && p.Metadata.DeletionTimestamp is null && p.Status?.Phase is not ("Succeeded" or "Failed")))
        {
            if (NodeHealth.EvictionTime(pod, since) is not { } at)
            {
                continue;
            }

            if (at > now)
            {
                next = next is null || at < next ? at : next;
                continue;
            }

            Log.Evicting(_logger, node, pod.Metadata.Name!);
            try
            {
                var options = new DeleteOptions { Preconditions = new Preconditions { Uid = pod.Metadata.Uid } };
                await _client.DeleteAsync(ResourceRef.Pods, pod.Metadata.Tenant, pod.Metadata.Namespace, pod.Metadata.Name!, options, cancellationToken).ConfigureAwait(false);
            }
            catch (ApiStatusException e) when (e.IsNotFound || e.IsConflict)
            {
            }
        }

        if (next is { } due)
        {
            _queue.AddAfter(node, due - now);
        }
    }

    /// <summary>Ready=Unknown, as the kubelet can no longer say (the other conditions are left as last reported).</summary>
    private async Task MarkUnknownAsync(Node node, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var conditions = (node.Status?.Conditions ?? []).Where(c => c.Type != "Ready").ToList();
        var ready = node.Status?.Conditions?.FirstOrDefault(c => c.Type == "Ready");
        conditions.Insert(0, new NodeCondition
        {
            Type = "Ready",
            Status = "Unknown",
            Reason = "NodeStatusUnknown",
            Message = "Kubelet stopped posting node status.",
            LastHeartbeatTime = ready?.LastHeartbeatTime,
            LastTransitionTime = now,
        });
        var patch = new JsonObject { ["status"] = new JsonObject { ["conditions"] = JsonSerializer.SerializeToNode(conditions, UrsaJsonContext.Default.ListNodeCondition) } }.ToJsonString();
        await _client.PatchAsync<Node>(ResourceRef.Nodes, null, null, node.Metadata.Name!, PatchType.Merge, patch, "status", cancellationToken).ConfigureAwait(false);
    }

    private async Task SetTaintsAsync(Node node, List<Taint> taints, CancellationToken cancellationToken)
    {
        var patch = new JsonObject
        {
            ["metadata"] = new JsonObject { ["resourceVersion"] = node.Metadata.ResourceVersion },
            ["spec"] = new JsonObject { ["taints"] = taints.Count == 0 ? null : JsonSerializer.SerializeToNode(taints, UrsaJsonContext.Default.ListTaint) },
        }.ToJsonString();
        await _client.PatchAsync<Node>(ResourceRef.Nodes, null, null, node.Metadata.Name!, PatchType.Merge, patch, null, cancellationToken).ConfigureAwait(false);
    }
}
