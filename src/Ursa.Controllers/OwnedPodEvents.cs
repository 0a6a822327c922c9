using System.Collections.Concurrent;
using Ursa.Client.Informers;
using Ursa.Client.Queues;

namespace Ursa.Controllers;

/// <summary>
/// The pod half of a pod-owning controller's informer handlers (ReplicaSet, Job): a pod event queues the key of the
/// controller object that owns it (its controller ownerReference of <paramref name="ownerKind"/>, same tenant and
/// namespace) and marks a create or delete the owner's expectations were waiting for as observed.
/// </summary>
internal sealed class OwnedPodEvents(string ownerKind, WorkQueue<string> queue, ConcurrentDictionary<string, Expectation> expectations)
{
    public void Changed(Pod pod, bool created)
    {
        if (OwnerKey(pod) is not { } key)
        {
            return;
        }

        if (created)
        {
            expectations.GetValueOrDefault(key)?.Observed(deleted: false);
        }

        queue.Add(key);
    }

    public void Deleted(Pod pod)
    {
        if (OwnerKey(pod) is { } key)
        {
            expectations.GetValueOrDefault(key)?.Observed(deleted: true);
            queue.Add(key);
        }
    }

    private string? OwnerKey(Pod pod) =>
        pod.Metadata.OwnerReferences?.FirstOrDefault(o => o.Controller == true && o.Kind == ownerKind) is { } owner
            ? ObjectKeys.Of(pod.Metadata.Tenant, pod.Metadata.Namespace, owner.Name!)
            : null;
}
