namespace Ursa.Runtimes.Qemu.Vms;

/// <summary>What a resize decision depends on: the VM now, the room reserved at its start, and the target.</summary>
/// <param name="Live">QEMU runs (running or paused): hot-add is possible at all.</param>
/// <param name="Vcpus">vCPUs the guest has.</param>
/// <param name="MaxVcpus">CPU slots reserved at start (<c>maxcpus</c>).</param>
/// <param name="MemoryBytes">Memory the guest has (boot memory plus DIMMs).</param>
/// <param name="MaxMemoryBytes">Memory reserved at start (<c>maxmem</c>); equal to boot memory: no hot-add.</param>
/// <param name="FreeDimmSlots">DIMM slots still free.</param>
/// <param name="TargetVcpus">vCPUs wanted; 0: leave CPUs (and any pending CPU change) as they are.</param>
/// <param name="TargetMemoryBytes">Memory wanted; 0: leave memory as it is.</param>
public sealed record VmResizeRequest(bool Live, int Vcpus, int MaxVcpus, long MemoryBytes, long MaxMemoryBytes, int FreeDimmSlots, int TargetVcpus, long TargetMemoryBytes);
