using Ursa.Runtimes.Qemu.Vms;

namespace Ursa.UnitTests.Runtimes.Qemu.Vms;

public sealed class VmResizePlanTests
{
    private const long MiB = 1L << 20;

    // A running VM: 1 of 4 vCPUs, 256 MiB of 1024 MiB, 4 free DIMM slots.
    private static VmResizeRequest Running(int vcpus = 0, long memoryMiB = 0) =>
        new(Live: true, Vcpus: 1, MaxVcpus: 4, MemoryBytes: 256 * MiB, MaxMemoryBytes: 1024 * MiB, FreeDimmSlots: 4, TargetVcpus: vcpus, TargetMemoryBytes: memoryMiB * MiB);

    [Fact]
    public void Growth_within_the_reserved_room_is_live()
    {
        var plan = VmResizePlan.Create(Running(vcpus: 3, memoryMiB: 512));
        Assert.Equal((2, 0, 256 * MiB, 0L), (plan.AddVcpus, plan.PendingVcpus, plan.AddMemoryBytes, plan.PendingMemoryBytes));
        Assert.Empty(plan.Reasons);
    }

    [Theory]
    [InlineData(0, null)]
    [InlineData(1, 0)]
    public void Zero_keeps_and_the_current_value_clears_pending(int vcpus, int? pending)
    {
        var plan = VmResizePlan.Create(Running(vcpus: vcpus));
        Assert.Equal(0, plan.AddVcpus);
        Assert.Equal(pending, plan.PendingVcpus);
        Assert.Null(plan.PendingMemoryBytes);
    }

    [Theory]
    [InlineData(true, 5, "only 4 vCPU slots were reserved at start (maxcpus)")]
    [InlineData(false, 2, "the VM is not running")]
    public void Cpus_beyond_maxcpus_or_while_stopped_are_pending(bool live, int vcpus, string why)
    {
        var plan = VmResizePlan.Create(Running(vcpus: vcpus) with { Live = live });
        Assert.Equal(0, plan.AddVcpus);
        Assert.Equal(vcpus, plan.PendingVcpus);
        Assert.Equal([$"{vcpus} vCPUs at next start: {why}"], plan.Reasons);
    }

    [Fact]
    public void Fewer_cpus_are_pending_because_unplug_crashes_qemu()
    {
        var plan = VmResizePlan.Create(Running(vcpus: 1) with { Vcpus = 2 });
        Assert.Equal(1, plan.PendingVcpus);
        Assert.Contains("CPU hot-unplug crashes QEMU 7.2", Assert.Single(plan.Reasons), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(128, "memory cannot be removed live")]
    [InlineData(2048, "only 1024 MiB were reserved at start (maxmem)")]
    [InlineData(300, "the increase (44 MiB) is not a multiple of the guest's 128 MiB memory block")]
    public void Memory_that_cannot_be_added_live_is_pending_with_why(long memoryMiB, string why)
    {
        var plan = VmResizePlan.Create(Running(memoryMiB: memoryMiB));
        Assert.Equal(0, plan.AddMemoryBytes);
        Assert.Equal(memoryMiB * MiB, plan.PendingMemoryBytes);
        Assert.Equal([$"{memoryMiB} MiB at next start: {why}"], plan.Reasons);
    }

    [Fact]
    public void Memory_without_a_free_dimm_slot_is_pending()
    {
        var plan = VmResizePlan.Create(Running(memoryMiB: 384) with { FreeDimmSlots = 0 });
        Assert.Equal(384 * MiB, plan.PendingMemoryBytes);
        Assert.Equal(["384 MiB at next start: every DIMM slot reserved at start is used"], plan.Reasons);
    }

    [Fact]
    public void Cpus_live_and_memory_pending_in_one_resize()
    {
        var plan = VmResizePlan.Create(Running(vcpus: 2, memoryMiB: 128));
        Assert.Equal(1, plan.AddVcpus);
        Assert.Equal(0, plan.PendingVcpus);
        Assert.Equal(128 * MiB, plan.PendingMemoryBytes);
        Assert.Single(plan.Reasons);
    }
}
