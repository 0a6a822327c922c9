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

    private void Observe(Pod pod)
    {
        var key = ObjectKeys.Of(pod);
        var bound = !string.IsNullOrEmpty(pod.Spec?.NodeName);
        var finished = pod.Status?.Phase is "Succeeded" or "Failed";
        if (bound && !finished)
        {
            Unpark(key);
            _cache.AddBoundPod(key, pod);
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

    private void Park(string key)
    {
        lock (_parkLock)
        {
            _unschedulable.Add(key);
        }
    }

    private bool Unpark(string key)
    {
        lock (_parkLock)
        {
            return _unschedulable.Remove(key);
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
        }

        foreach (var key in parked)
        {
            _queue.Add(key);
        }
    }
}
