using System.Collections.Concurrent;
using Ursa.Client.Rest;

namespace Ursa.NodeAgent.Hollow;

public sealed partial class HollowNodeFleet
{
    private readonly ConcurrentDictionary<string, Task> _exits = new(StringComparer.Ordinal);

    public void OnAdd(Pod obj) => Consider(obj);

    public void OnUpdate(Pod oldObj, Pod newObj) => Consider(newObj);

    public void OnDelete(Pod obj)
    {
    }

    private void Consider(Pod pod)
    {
        if (pod.Spec?.NodeName is not { } node || !_names.Contains(node) || _stopped.ContainsKey(node))
        {
            return;
        }

        if (pod.Metadata.DeletionTimestamp is not null)
        {
            // The kubelet's side of graceful deletion: nothing runs, so stopping is instant; confirm at once.
            _work.Writer.TryWrite(new PodWork(pod, Delete: true));
        }
        else if (HollowPodStatus.NeedsPowerOff(pod))
        {
            // A VM powered off: reported at once, as a real agent does once QEMU has stopped.
            _work.Writer.TryWrite(new PodWork(pod, Delete: false));
        }
        else if (pod.Status?.Phase is null or "Pending" && pod.Spec.VirtualMachine?.PowerSpec != "Shutdown")
        {
            _work.Writer.TryWrite(new PodWork(pod, Delete: false));
        }
    }

    private async Task WorkPodsAsync(CancellationToken cancellationToken)
    {
        await foreach (var (pod, delete) in _work.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            try
            {
                if (delete)
                {
                    await client.DeleteAsync(ResourceRef.Pods, pod.Metadata.Tenant, pod.Metadata.Namespace, pod.Metadata.Name!, new DeleteOptions { GracePeriodSeconds = 0, Preconditions = new Preconditions { Uid = pod.Metadata.Uid } }, cancellationToken).ConfigureAwait(false);
                    continue;
                }

                if (pod.Spec?.VirtualMachine?.PowerSpec == "Shutdown")
                {
                    await ReportAsync(pod, HollowPodStatus.PoweredOff(pod, time.GetUtcNow()), cancellationToken).ConfigureAwait(false);
                    continue;
                }

                await ReportAsync(pod, HollowPodStatus.Running(pod, time.GetUtcNow()), cancellationToken).ConfigureAwait(false);
                Interlocked.Increment(ref _started);
                if (HollowExit.Of(pod) is { } exit && pod.Metadata.Uid is { } uid)
                {
                    _exits.TryAdd(uid, ExitLaterAsync(pod, exit, cancellationToken));
                }
            }
            catch (ApiStatusException e) when (e.IsNotFound || e.IsConflict)
            {
            }
            catch (ApiStatusException e)
            {
                Log.PodReportFailed(logger, pod.Metadata.Name!, e.Message);
            }
        }
    }

    /// <summary>Ends (or restarts, per restartPolicy) the pod's containers after the delay it asked for.</summary>
    private async Task ExitLaterAsync(Pod pod, HollowExit exit, CancellationToken cancellationToken)
    {
        try
        {
            for (var restarts = 0; ; restarts++)
            {
                var started = time.GetUtcNow();
                await Task.Delay(exit.After, time, cancellationToken).ConfigureAwait(false);
                if (_stopped.ContainsKey(pod.Spec!.NodeName!))
                {
                    return;
                }

                if (!exit.Restarts(pod))
                {
                    await ReportAsync(pod, HollowPodStatus.Terminated(pod, exit.ExitCode, started, time.GetUtcNow(), restarts), cancellationToken).ConfigureAwait(false);
                    return;
                }

                await ReportAsync(pod, HollowPodStatus.Running(pod, time.GetUtcNow(), restarts + 1), cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (ApiStatusException e) when (e.IsNotFound)
        {
        }
        catch (Exception e) when (e is ApiStatusException or HttpRequestException or IOException)
        {
            Log.PodReportFailed(logger, pod.Metadata.Name!, e.Message);
        }
        finally
        {
            _exits.TryRemove(pod.Metadata.Uid!, out _);
        }
    }

    /// <summary>The status patch; the pod the server returns is not needed.</summary>
    private Task ReportAsync(Pod pod, byte[] patch, CancellationToken cancellationToken) =>
        client.PatchWithoutResultAsync<Pod>(ResourceRef.Pods, pod.Metadata.Tenant, pod.Metadata.Namespace, pod.Metadata.Name!, PatchType.StrategicMerge, patch, "status", cancellationToken);

    private readonly record struct PodWork(Pod Pod, bool Delete);
}
