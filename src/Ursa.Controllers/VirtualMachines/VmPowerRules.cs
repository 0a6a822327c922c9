using System.Globalization;

namespace Ursa.Controllers.VirtualMachines;

/// <summary>
/// The VM power cycle's rule, pure: a bound VM pod whose <c>powerSpec</c> is Shutdown releases its node once the
/// node reports the VM stopped (<c>virtualMachineStatus.powerState: shutdown</c> with phase Pending, which is what
/// an agent writes for a VM powered off on purpose), at once when the node is gone, or when the node has not been
/// Ready for <see cref="VmPowerOptions.NodeLostGrace"/> (no agent is left to stop it or say so).
/// </summary>
public static class VmPowerRules
{
    /// <summary>A pod this controller watches: a live VM pod, bound, meant to be off.</summary>
    public static bool IsCandidate(Pod pod) =>
        pod.Spec?.VirtualMachine?.PowerSpec == "Shutdown"
        && !string.IsNullOrEmpty(pod.Spec.NodeName)
        && pod.Metadata.DeletionTimestamp is null
        && pod.Status?.Phase is not ("Succeeded" or "Failed");

    /// <param name="pod">The pod, from the cache.</param>
    /// <param name="node">Its node, from the cache; null when the node does not exist.</param>
    /// <param name="now">The controller's clock.</param>
    /// <param name="nodeLostGrace">How long a node may be not Ready before its VM pods are released anyway.</param>
    public static VmPowerDecision Decide(Pod pod, Node? node, DateTimeOffset now, TimeSpan nodeLostGrace)
    {
        if (!IsCandidate(pod))
        {
            return VmPowerDecision.None;
        }

        var name = pod.Spec!.NodeName!;
        if (node is null)
        {
            return VmPowerDecision.Release($"node {name} is gone");
        }

        if (pod.Status?.VirtualMachineStatus?.PowerState == "shutdown" && pod.Status.Phase == "Pending")
        {
            return VmPowerDecision.Release($"node {name} stopped the virtual machine");
        }

        var ready = node.Status?.Conditions?.FirstOrDefault(c => c.Type == "Ready");
        if (ready?.Status == "True")
        {
            // The node's agent stops the VM and reports it; its status update brings the pod back here.
            return VmPowerDecision.None;
        }

        var since = ready?.LastTransitionTime ?? node.Metadata.CreationTimestamp ?? now;
        var due = since + nodeLostGrace;
        return due <= now
            ? VmPowerDecision.Release(string.Create(CultureInfo.InvariantCulture, $"node {name} has not been Ready for {(now - since).TotalSeconds:0} s"))
            : VmPowerDecision.At(due);
    }
}
