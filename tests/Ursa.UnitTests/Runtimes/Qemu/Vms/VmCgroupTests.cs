using Ursa.Runtimes.Qemu.Vms;

namespace Ursa.UnitTests.Runtimes.Qemu.Vms;

public sealed class VmCgroupTests
{
    [Theory]
    [InlineData(0, 1, 4, 0)]
    [InlineData(1000, 1, 1, 1000)]
    [InlineData(1000, 1, 3, 3000)]
    [InlineData(2250, 2, 3, 3250)]
    [InlineData(2000, 2, 1, 1000)]
    [InlineData(500, 1, 2, 1500)]
    [InlineData(1100, 2, 1, 100)]
    public void Cpu_limit_follows_the_vcpu_count_keeping_the_overhead(long configured, int configuredVcpus, int vcpus, long expected)
    {
        Assert.Equal(expected, VmCgroup.CpuLimitFor(configured, configuredVcpus, vcpus));
    }
}
