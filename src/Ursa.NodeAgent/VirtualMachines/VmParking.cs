namespace Ursa.NodeAgent.VirtualMachines;

/// <summary>
/// Pure: whether a VM pod that left this node's watch keeps its runtime objects (sandbox, VM, disks) here. A VM pod
/// powered off releases its node (<c>powerSpec: Shutdown</c>, nodeName cleared) but its disk lives on this node, so
/// the stopped VM stays <i>parked</i> while the pod is unbound, and is adopted again when the pod is bound here.
/// It goes once the pod is deleted (or replaced by another of the same name) or bound to another node.
/// </summary>
public static class VmParking
{
    /// <param name="current">The pod as the API has it now; null when it is gone.</param>
    /// <param name="uid">The uid of the pod the runtime objects belong to.</param>
    /// <param name="node">This node.</param>
    public static bool Keep(Pod? current, string uid, string node) =>
        current is { Spec.VirtualMachine: not null }
        && current.Metadata.Uid == uid
        && current.Metadata.DeletionTimestamp is null
        && (string.IsNullOrEmpty(current.Spec.NodeName) || current.Spec.NodeName == node);
}
