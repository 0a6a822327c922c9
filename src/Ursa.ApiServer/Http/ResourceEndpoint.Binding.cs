using Ursa.ApiServer.Errors;
using Ursa.ApiServer.Registry;
using Ursa.ApiServer.Resources;

namespace Ursa.ApiServer.Http;

public sealed partial class ResourceEndpoint
{
    /// <summary>
    /// One bind (pods/binding, and each entry of a <see cref="BindingBatch"/>): sets spec.nodeName once and records
    /// PodScheduled=True, guarded like Kubernetes' BindingREST — a pod being deleted, already bound, or (when the
    /// binding names a uid) replaced by a namesake is a 409.
    /// </summary>
    private Task<WriteResult> BindPodAsync(ResourceDefinition pods, string? tenant, string? ns, string name, string node, string? uid, bool dryRun, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        return registry.UpdateAsync(pods, tenant, ns, name, "binding", current =>
        {
            var pod = (Pod)current;
            if (!string.IsNullOrEmpty(uid) && uid != pod.Metadata.Uid)
            {
                throw ApiErrors.Conflict(pods, name, $"Precondition failed: UID in precondition: {uid}, UID in object meta: {pod.Metadata.Uid}");
            }

            if (pod.Metadata.DeletionTimestamp is not null)
            {
                throw ApiErrors.Conflict(pods, name, "pod is being deleted, cannot be assigned to a host");
            }

            if (!string.IsNullOrEmpty(pod.Spec?.NodeName))
            {
                throw ApiErrors.Conflict(pods, name, $"pod {name} is already assigned to node \"{pod.Spec.NodeName}\"");
            }

            pod.Spec!.NodeName = node;
            pod.Status ??= new PodStatus();
            pod.Status.Conditions ??= [];
            pod.Status.Conditions.RemoveAll(c => c.Type == "PodScheduled");
            pod.Status.Conditions.Add(new PodCondition { Type = "PodScheduled", Status = "True", LastTransitionTime = now });
            return pod;
        }, dryRun, cancellationToken);
    }
}
