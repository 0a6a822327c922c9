using System.Text.Json;
using Ursa.Api.Serialization;
using Ursa.Client.Rest;

namespace Ursa.NodeAgent.Pods;

public sealed partial class PodSyncer
{
    /// <summary>Computes the status and writes it (PUT of the status subresource) when it differs from what the
    /// cluster has. A PUT, not a merge patch: a container moving from waiting to running must lose its waiting.</summary>
    private async Task<PodStatus> WriteStatusAsync(Pod pod, ObservedPod observed, IReadOnlyDictionary<string, ContainerWaiting> waiting, string runtimeName, CancellationToken cancellationToken)
    {
        var status = PodStatusConverter.Convert(pod, new PodStatusConverter.Input(observed, waiting, _options.NodeAddress, runtimeName, _time.GetUtcNow()));
        await PutStatusAsync(pod, status, cancellationToken).ConfigureAwait(false);
        return status;
    }

    /// <summary>Writes <paramref name="status"/> unless the cluster already has it; retries once on a conflict
    /// with the newest object.</summary>
    internal async Task PutStatusAsync(Pod pod, PodStatus status, CancellationToken cancellationToken)
    {
        if (pod.Status is { } current && SameStatus(current, status))
        {
            return;
        }

        var updated = new Pod { ApiVersion = pod.ApiVersion, Kind = pod.Kind, Metadata = pod.Metadata, Spec = pod.Spec, Status = status };
        try
        {
            await _client.UpdateAsync(ResourceRef.Pods, updated, "status", cancellationToken).ConfigureAwait(false);
        }
        catch (ApiStatusException e) when (e.IsConflict)
        {
            var fresh = await _client.GetAsync<Pod>(ResourceRef.Pods, pod.Metadata.Tenant, pod.Metadata.Namespace, pod.Metadata.Name!, cancellationToken).ConfigureAwait(false);
            // Another pod of that name, or this one released this node meanwhile (a VM powered off): not ours to report.
            if (fresh.Metadata.Uid != pod.Metadata.Uid || fresh.Spec?.NodeName != pod.Spec?.NodeName)
            {
                return;
            }

            // Keep what others own in the newest status (the scheduler's condition, a nominated node).
            status.Conditions = [.. (fresh.Status?.Conditions ?? []).Where(c => status.Conditions!.All(o => o.Type != c.Type)), .. status.Conditions!];
            fresh.Status = status;
            await _client.UpdateAsync(ResourceRef.Pods, fresh, "status", cancellationToken).ConfigureAwait(false);
        }
        catch (ApiStatusException e) when (e.IsNotFound)
        {
        }
    }

    private static bool SameStatus(PodStatus a, PodStatus b) =>
        JsonSerializer.Serialize(a, UrsaJsonContext.Default.PodStatus) == JsonSerializer.Serialize(b, UrsaJsonContext.Default.PodStatus);
}
