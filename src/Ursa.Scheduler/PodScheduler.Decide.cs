using System.Globalization;
using System.Text.Json.Nodes;
using Ursa.Client.Rest;
using Ursa.Scheduler.Framework;

namespace Ursa.Scheduler;

public sealed partial class PodScheduler
{
    private async Task ScheduleOneAsync(string key, CancellationToken cancellationToken)
    {
        var pod = _pods.Get(key);
        if (pod is null || !NeedsScheduling(pod) || _cache.IsAssumedOrBound(key))
        {
            return;
        }

        var request = PodRequest.Of(pod);
        var nominated = pod.Status?.NominatedNodeName;
        var (node, message) = _cache.Decide<(string? Node, string? Message)>(cluster =>
        {
            // A VM pod powered off and released from a node names it in nominatedNodeName (its disk is still there):
            // it goes back there when it fits.
            var result = _framework.Schedule(request, cluster, string.IsNullOrEmpty(nominated) ? null : nominated);
            if (result.Node is { } chosen)
            {
                _cache.Assume(key, request, chosen);
                return (chosen.Name, null);
            }

            return (null, result.Message);
        });

        if (node is null)
        {
            Park(key, WaitsForPods(pod));
            Log.Unschedulable(_logger, key, message!);
            await ReportUnschedulableAsync(pod, message!, cancellationToken).ConfigureAwait(false);
            return;
        }

        // The pod now counts for other pods' affinity and spread: those waiting on pods get another try.
        RetryWaitingForPods();
        await _binds.WaitAsync(cancellationToken).ConfigureAwait(false);
        _ = BindAsync(key, pod, node, cancellationToken);
    }

    private async Task BindAsync(string key, Pod pod, string node, CancellationToken cancellationToken)
    {
        try
        {
            await _binder.BindAsync(pod, node, cancellationToken).ConfigureAwait(false);
            Interlocked.Increment(ref _scheduled);
            _queue.Forget(key);
            _events.Record(pod, "Pod", "Normal", "Scheduled", $"Successfully assigned {pod.Metadata.Namespace}/{pod.Metadata.Name} to {node}");
        }
        catch (Exception e) when (e is ApiStatusException or HttpRequestException or IOException)
        {
            _cache.Forget(key);
            if (e is ApiStatusException { IsNotFound: true } || (e is ApiStatusException conflict && conflict.Code == System.Net.HttpStatusCode.Conflict && _pods.Get(key) is { } latest && !NeedsScheduling(latest)))
            {
                return;
            }

            Log.BindFailed(_logger, key, node, e.Message);
            _queue.AddRateLimited(key);
        }
        catch (OperationCanceledException)
        {
        }
        finally
        {
            _binds.Release();
        }
    }

    /// <summary>Unbound, ours, alive, not finished, and (for a VM) meant to run.</summary>
    private bool NeedsScheduling(Pod pod) =>
        string.IsNullOrEmpty(pod.Spec?.NodeName)
        && (pod.Spec?.SchedulerName is null || pod.Spec.SchedulerName == _options.SchedulerName)
        && pod.Metadata.DeletionTimestamp is null
        && pod.Status?.Phase is not ("Succeeded" or "Failed")
        && pod.Spec?.VirtualMachine?.PowerSpec != "Shutdown";

    private async Task ReportUnschedulableAsync(Pod pod, string message, CancellationToken cancellationToken)
    {
        var existing = pod.Status?.Conditions?.FirstOrDefault(c => c.Type == "PodScheduled");
        if (existing is { Status: "False", Reason: "Unschedulable" } && existing.Message == message)
        {
            return;
        }

        var now = _time.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        var patch = new JsonObject
        {
            ["status"] = new JsonObject
            {
                ["conditions"] = new JsonArray(new JsonObject
                {
                    ["type"] = "PodScheduled",
                    ["status"] = "False",
                    ["reason"] = "Unschedulable",
                    ["message"] = message,
                    ["lastTransitionTime"] = now,
                }),
            },
        };
        try
        {
            await _client.PatchAsync<Pod>(Client.Rest.ResourceRef.Pods, pod.Metadata.Tenant, pod.Metadata.Namespace, pod.Metadata.Name!, PatchType.StrategicMerge, patch.ToJsonString(), "status", cancellationToken).ConfigureAwait(false);
            _events.Record(pod, "Pod", "Warning", "FailedScheduling", message);
        }
        catch (ApiStatusException)
        {
            // The pod changed or went away; the informer brings the new state.
        }
    }
}
