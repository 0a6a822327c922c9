namespace Ursa.ApiServer.Resources.Strategies;

public sealed partial class PodStrategy
{
    /// <summary>The PodScheduled reason of a VM pod that released its node because it is powered off.</summary>
    public const string PoweredOffReason = "PoweredOff";

    /// <summary>
    /// The one change of a bound pod's <c>spec.nodeName</c> the API allows: a VM pod whose <c>powerSpec</c> is
    /// Shutdown releasing its node (nodeName cleared, Arktos' power cycle). Any other change, and a pod being
    /// deleted (whose node must still confirm the deletion), stays forbidden.
    /// </summary>
    public static bool ReleasesNode(Pod pod, Pod old) =>
        !string.IsNullOrEmpty(old.Spec?.NodeName)
        && string.IsNullOrEmpty(pod.Spec?.NodeName)
        && pod.Spec?.VirtualMachine?.PowerSpec == "Shutdown"
        && old.Metadata.DeletionTimestamp is null;

    /// <summary>
    /// The status of a pod that just released its node, written in the same update as the cleared nodeName (as a
    /// binding writes PodScheduled=True with the nodeName), so no reader ever sees an unbound pod with its old
    /// node's addresses: Pending, no host or pod IP, PodScheduled=False (<see cref="PoweredOffReason"/>), not
    /// Ready. The node it left becomes <c>nominatedNodeName</c>: the scheduler tries it first when the VM is
    /// powered on again, because its disk is still on that node. The VM status (powerState shutdown) is kept.
    /// </summary>
    private void ReleaseNode(Pod pod, string node)
    {
        var now = _time.GetUtcNow();
        var status = pod.Status ??= new PodStatus();
        var message = $"The virtual machine is powered off (powerSpec: Shutdown) and released node {node}; powerSpec: Running schedules it again";
        status.Phase = "Pending";
        status.Reason = null;
        status.Message = null;
        status.HostIP = null;
        status.HostIPs = null;
        status.PodIP = null;
        status.PodIPs = null;
        status.NominatedNodeName = node;
        var conditions = (status.Conditions ?? []).Where(c => c.Type is not ("PodScheduled" or "Ready" or "ContainersReady")).ToList();
        conditions.Add(new PodCondition { Type = "PodScheduled", Status = "False", Reason = PoweredOffReason, Message = message, LastTransitionTime = now });
        foreach (var type in new[] { "ContainersReady", "Ready" })
        {
            var previous = status.Conditions?.FirstOrDefault(c => c.Type == type);
            conditions.Add(new PodCondition
            {
                Type = type,
                Status = "False",
                Reason = PoweredOffReason,
                Message = message,
                LastTransitionTime = previous?.Status == "False" ? previous.LastTransitionTime : now,
            });
        }

        status.Conditions = conditions;
    }
}
