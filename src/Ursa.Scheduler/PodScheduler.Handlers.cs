using Ursa.Client.Informers;

namespace Ursa.Scheduler;

public sealed partial class PodScheduler
{
    public void OnAdd(Pod obj) => Observe(obj);

    public void OnUpdate(Pod oldObj, Pod newObj) => Observe(newObj);

    public void OnDelete(Pod obj)
    {
        var key = ObjectKeys.Of(obj);
        _cache.RemovePod(key);
        Unpark(key);

        // Freed capacity may fit a parked pod.
        RetryUnschedulable();
    }

    public void OnAdd(Node obj)
    {
        _cache.UpsertNode(obj);
        RetryUnschedulable();
    }

    public void OnUpdate(Node oldObj, Node newObj)
    {
        _cache.UpsertNode(newObj);
        RetryUnschedulable();
    }

    public void OnDelete(Node obj) => _cache.RemoveNode(obj.Metadata.Name!);

    public void OnAdd(Namespace obj) => _cache.UpsertNamespace(obj);

    public void OnUpdate(Namespace oldObj, Namespace newObj)
    {
        // New namespace labels may bring pods into or out of a namespaceSelector.
        if (_cache.UpsertNamespace(newObj))
        {
            RetryUnschedulable();
        }
    }

    public void OnDelete(Namespace obj) => _cache.RemoveNamespace(obj);

    private void Observe(Pod pod)
    {
        var key = ObjectKeys.Of(pod);
        var bound = !string.IsNullOrEmpty(pod.Spec?.NodeName);
        var finished = pod.Status?.Phase is "Succeeded" or "Failed";
        if (bound && !finished)
        {
            Unpark(key);
            if (_cache.AddBoundPod(key, pod))
            {
                // Bound by someone else (or before we started): it may satisfy a parked pod's affinity or spread.
                RetryWaitingForPods();
            }

            return;
        }

        // Only a VM pod can release its node (powered off, perhaps already on again): its resources there are free.
        // Container pods skip the cache lock, which every decision holds.
        if (!bound && pod.Spec?.VirtualMachine is not null && _cache.ForgetReleased(key))
        {
            RetryUnschedulable();
        }

        if (bound || finished || pod.Spec?.VirtualMachine?.PowerSpec == "Shutdown")
        {
            // Finished pods and shut-down VMs hold no node resources: free them for parked pods.
            Unpark(key);
            if (_cache.IsAssumedOrBound(key))
            {
                _cache.RemovePod(key);
                RetryUnschedulable();
            }

            return;
        }

        if (NeedsScheduling(pod) && !IsParked(key))
        {
            _queue.Add(key);
        }
    }

    private bool IsParked(string key)
    {
        lock (_parkLock)
        {
            return _unschedulable.Contains(key);
        }
    }

    /// <summary>
    /// Parks an unschedulable pod until the cluster changes. A pod with required affinity or spread constraints
    /// may also become schedulable when <i>other pods</i> are placed, so it is also kept in the set that
    /// <see cref="RetryWaitingForPods"/> retries.
    /// </summary>
    private void Park(string key, bool waitsForPods)
    {
        lock (_parkLock)
        {
            _unschedulable.Add(key);
            if (waitsForPods)
            {
                _waitingForPods.Add(key);
            }
        }
    }

    private bool Unpark(string key)
    {
        lock (_parkLock)
        {
            _waitingForPods.Remove(key);
            return _unschedulable.Remove(key);
        }
    }

    private static bool WaitsForPods(Pod pod) =>
        pod.Spec?.Affinity?.PodAffinity?.RequiredDuringSchedulingIgnoredDuringExecution is { Count: > 0 }
        || pod.Spec?.TopologySpreadConstraints?.Any(c => c.WhenUnsatisfiable != "ScheduleAnyway") == true;

    /// <summary>
    /// A pod was placed: retry the parked pods that wait on other pods. Rate-limited per pod (the work queue's
    /// back-off), so a pod that keeps not fitting does not cost a decision on every bind.
    /// </summary>
    private void RetryWaitingForPods()
    {
        string[] waiting;
        lock (_parkLock)
        {
            if (_waitingForPods.Count == 0)
            {
                return;
            }

            waiting = [.. _waitingForPods];
            foreach (var key in waiting)
            {
                _unschedulable.Remove(key);
            }

            _waitingForPods.Clear();
        }

        foreach (var key in waiting)
        {
            _queue.AddRateLimited(key);
        }
    }

    /// <summary>Cluster state changed: give every parked pod another try.</summary>
    private void RetryUnschedulable()
    {
        string[] parked;
        lock (_parkLock)
        {
            if (_unschedulable.Count == 0)
            {
                return;
            }

            parked = [.. _unschedulable];
            _unschedulable.Clear();
            _waitingForPods.Clear();
        }

        foreach (var key in parked)
        {
            _queue.Add(key);
        }
    }
}
