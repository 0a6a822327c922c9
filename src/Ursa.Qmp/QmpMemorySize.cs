namespace Ursa.Qmp;

/// <summary>The answer of <c>query-memory-size-summary</c>, in bytes.</summary>
/// <param name="BaseMemory">Memory given at start (<c>-m</c>).</param>
/// <param name="PluggedMemory">Memory hot-plugged since (DIMMs, virtio-mem); 0 when none or when QEMU does not say.</param>
public sealed record QmpMemorySize(long BaseMemory, long PluggedMemory);
