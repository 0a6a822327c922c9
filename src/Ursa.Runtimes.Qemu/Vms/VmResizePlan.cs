using System.Globalization;
using Ursa.Runtimes.Qemu.Launch;

namespace Ursa.Runtimes.Qemu.Vms;

/// <summary>
/// Pure: what of a resize is done live (CPUs and one DIMM added) and what waits for the next start, with why.
/// Only growth is live: CPU hot-unplug crashes QEMU 7.2 and removing a DIMM needs the guest to give it up, so
/// shrinking is always pending; so is growth beyond the room reserved at start or not in 128 MiB blocks.
/// </summary>
/// <param name="AddVcpus">vCPUs to hot-add now.</param>
/// <param name="PendingVcpus">vCPUs for the next start; 0: none pending; null: leave the pending value alone.</param>
/// <param name="AddMemoryBytes">Memory to hot-add now as one DIMM (a multiple of 128 MiB).</param>
/// <param name="PendingMemoryBytes">Memory for the next start; 0: none; null: leave alone.</param>
/// <param name="Reasons">Why each pending part could not be done live.</param>
public sealed record VmResizePlan(int AddVcpus, int? PendingVcpus, long AddMemoryBytes, long? PendingMemoryBytes, IReadOnlyList<string> Reasons)
{
    /// <summary>Decides <paramref name="request"/>.</summary>
    public static VmResizePlan Create(VmResizeRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var reasons = new List<string>();
        var (addVcpus, pendingVcpus) = Cpus(request, reasons);
        var (addMemory, pendingMemory) = Memory(request, reasons);
        return new VmResizePlan(addVcpus, pendingVcpus, addMemory, pendingMemory, reasons);
    }

    private static (int Add, int? Pending) Cpus(VmResizeRequest r, List<string> reasons)
    {
        var target = r.TargetVcpus;
        if (target == 0)
        {
            return (0, null);
        }

        if (target == r.Vcpus)
        {
            return (0, 0);
        }

        var why = !r.Live ? "the VM is not running"
            : target < r.Vcpus ? "vCPUs cannot be removed live (CPU hot-unplug crashes QEMU 7.2)"
            : target > r.MaxVcpus ? Invariant($"only {r.MaxVcpus} vCPU slots were reserved at start (maxcpus)")
            : null;
        if (why is null)
        {
            return (target - r.Vcpus, 0);
        }

        reasons.Add(Invariant($"{target} vCPUs at next start: {why}"));
        return (0, target);
    }

    private static (long Add, long? Pending) Memory(VmResizeRequest r, List<string> reasons)
    {
        var target = r.TargetMemoryBytes;
        if (target == 0)
        {
            return (0, null);
        }

        if (target == r.MemoryBytes)
        {
            return (0, 0);
        }

        var delta = target - r.MemoryBytes;
        var why = !r.Live ? "the VM is not running"
            : delta < 0 ? "memory cannot be removed live"
            : target > r.MaxMemoryBytes ? Invariant($"only {r.MaxMemoryBytes >> 20} MiB were reserved at start (maxmem)")
            : delta % QemuHotplug.MemoryBlockBytes != 0 ? Invariant($"the increase ({delta >> 20} MiB) is not a multiple of the guest's 128 MiB memory block")
            : r.FreeDimmSlots <= 0 ? "every DIMM slot reserved at start is used"
            : null;
        if (why is null)
        {
            return (delta, 0);
        }

        reasons.Add(Invariant($"{target >> 20} MiB at next start: {why}"));
        return (0, target);
    }

    private static string Invariant(FormattableString value) => value.ToString(CultureInfo.InvariantCulture);
}
