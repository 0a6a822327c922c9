using Ursa.Cri.Vm;

namespace Ursa.NodeAgent.VirtualMachines;

/// <summary>What must change on a running VM for it to match its pod spec: hot-plug and resize, in that order.</summary>
/// <param name="AttachNics">NICs in <c>spec.nics</c> (after the first, the pod network's) the VM lacks.</param>
/// <param name="DetachNics">Names of the VM's extra NICs no longer in the spec.</param>
/// <param name="AttachDisks">Disks in <c>volumeDevices</c> (backed by hostPath volumes) the VM lacks.</param>
/// <param name="DetachDisks">Names of the VM's disks no longer in the spec.</param>
/// <param name="Resize">The size the spec asks for, when it differs from what the VM has or waits for; else null.</param>
public sealed record VmDeviceChanges(
    IReadOnlyList<VirtualMachineNic> AttachNics,
    IReadOnlyList<string> DetachNics,
    IReadOnlyList<VirtualMachineDisk> AttachDisks,
    IReadOnlyList<string> DetachDisks,
    VmSize? Resize)
{
    /// <summary>Nothing to do.</summary>
    public bool IsEmpty => AttachNics.Count == 0 && DetachNics.Count == 0 && AttachDisks.Count == 0 && DetachDisks.Count == 0 && Resize is null;
}
