using Ursa.Cri.Vm;

namespace Ursa.NodeAgent.VirtualMachines;

/// <summary>
/// Pure: a VM pod's spec against what its runtime reports → the hot-plug and resize calls that close the gap.
/// Level-triggered: once the runtime has applied a change (or recorded it as pending for the next start) the plan
/// for the same spec is empty, so a pass that fails half way is simply planned again.
/// </summary>
public static class VmDevicePlanner
{
    /// <summary>The primary NIC the runtime gives every VM (the pod network's); it is never hot-plugged.</summary>
    public const string PrimaryNic = "eth0";

    public static VmDeviceChanges Plan(Pod pod, VirtualMachineStatusResponse status)
    {
        ArgumentNullException.ThrowIfNull(pod);
        ArgumentNullException.ThrowIfNull(status);
        var vm = pod.Spec?.VirtualMachine ?? throw new ArgumentException("not a VM pod", nameof(pod));

        var wantedNics = (pod.Spec.Nics ?? []).Skip(1).Where(n => n.Name is { Length: > 0 } && n.Name != PrimaryNic).Select(n => n.Name!).Distinct(StringComparer.Ordinal).ToList();
        var haveNics = status.Nics.Select(n => n.Name).Where(n => n != PrimaryNic).ToHashSet(StringComparer.Ordinal);
        var wantedDisks = VirtualMachineConfigFactory.Disks(pod).ToList();
        var haveDisks = status.Disks.Select(d => d.Name).ToHashSet(StringComparer.Ordinal);

        var (vcpus, memory) = VirtualMachineConfigFactory.Size(vm.Resources);
        var wanted = new VmSize(vcpus, memory);
        // A size already waiting for the next start counts as asked for: asking again would change nothing.
        var target = new VmSize(
            status.PendingVcpus > 0 ? status.PendingVcpus : status.Vcpus,
            status.PendingMemoryBytes > 0 ? status.PendingMemoryBytes : status.MemoryBytes);
        return new VmDeviceChanges(
            [.. wantedNics.Where(n => !haveNics.Contains(n)).Select(n => new VirtualMachineNic { Name = n })],
            [.. haveNics.Where(n => !wantedNics.Contains(n, StringComparer.Ordinal)).Order(StringComparer.Ordinal)],
            [.. wantedDisks.Where(d => !haveDisks.Contains(d.Name))],
            [.. haveDisks.Where(d => wantedDisks.All(w => w.Name != d)).Order(StringComparer.Ordinal)],
            status.Vcpus > 0 && wanted != target ? wanted : null);
    }
}
