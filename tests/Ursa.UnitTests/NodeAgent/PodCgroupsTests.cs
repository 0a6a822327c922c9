using Ursa.Api.Core;
using Ursa.Api.Meta;
using Ursa.NodeAgent.Pods;

namespace Ursa.UnitTests.NodeAgent;

public sealed class PodCgroupsTests : IDisposable
{
    private readonly string _mount = Directory.CreateTempSubdirectory("cg-").FullName;

    public void Dispose() => Directory.Delete(_mount, recursive: true);

    [Fact]
    public void For_AllContainersLimited_SumsPlusOverhead()
    {
        var pod = Pod(overhead: new() { ["cpu"] = "100m", ["memory"] = "128Mi" }, ("250m", "500m", "64Mi"), ("250m", "1", "32Mi"));

        Assert.Equal(new PodCgroupLimits(614, 160_000, 234_881_024), PodCgroupLimits.For(pod));
    }

    [Fact]
    public void For_OneContainerWithoutLimits_PodUnbounded()
    {
        var pod = Pod(null, ("250m", "500m", "64Mi"), (null, null, null));

        Assert.Equal(new PodCgroupLimits(256, -1, null), PodCgroupLimits.For(pod));
    }

    [Fact]
    public void For_VmPod_GuestResourcesPlusOverhead()
    {
        var pod = new Pod
        {
            Metadata = new ObjectMeta { Name = "vm", Uid = "u" },
            Spec = new PodSpec
            {
                Overhead = new() { ["cpu"] = "100m", ["memory"] = "128Mi" },
                VirtualMachine = new VirtualMachine { Name = "vm", Resources = new ResourceRequirements { Requests = new() { ["cpu"] = "1" }, Limits = new() { ["cpu"] = "1", ["memory"] = "256Mi" } } },
            },
        };

        Assert.Equal(new PodCgroupLimits(1126, 110_000, 402_653_184), PodCgroupLimits.For(pod));
    }

    [Fact]
    public void ApplyThenRemove_CgroupV1_WritesLimitsAndRemovesDirectories()
    {
        Directory.CreateDirectory(Path.Combine(_mount, "cpu"));
        Directory.CreateDirectory(Path.Combine(_mount, "memory"));
        var cgroups = new PodCgroups(_mount, "kubepods");

        cgroups.Apply("u1", new PodCgroupLimits(512, 50_000, 67_108_864));

        Assert.False(cgroups.Unified);
        Assert.Equal("512", File.ReadAllText(Path.Combine(_mount, "cpu/kubepods/podu1/cpu.shares")));
        Assert.Equal("50000", File.ReadAllText(Path.Combine(_mount, "cpu/kubepods/podu1/cpu.cfs_quota_us")));
        Assert.Equal("67108864", File.ReadAllText(Path.Combine(_mount, "memory/kubepods/podu1/memory.limit_in_bytes")));
    }

    [Fact]
    public void Remove_CgroupV1_RemovesThePodFromEveryHierarchy()
    {
        // As runc leaves it: the pod's cgroup in every controller, and an (empty) container cgroup inside.
        foreach (var hierarchy in new[] { "cpu", "memory", "pids", "blkio" })
        {
            Directory.CreateDirectory(Path.Combine(_mount, hierarchy, "kubepods", "podu3", "container1"));
        }

        var removed = new PodCgroups(_mount, "kubepods").Remove("u3");

        Assert.True(removed);
        Assert.Empty(Directory.GetDirectories(_mount, "podu3", SearchOption.AllDirectories));
    }

    [Fact]
    public void Apply_CgroupV2_WritesWeightMaxAndMemory()
    {
        File.WriteAllText(Path.Combine(_mount, "cgroup.controllers"), "cpu memory");
        var cgroups = new PodCgroups(_mount, "kubepods");

        cgroups.Apply("u2", new PodCgroupLimits(1024, -1, null));

        Assert.True(cgroups.Unified);
        Assert.Equal("39", File.ReadAllText(Path.Combine(_mount, "kubepods/podu2/cpu.weight")));
        Assert.Equal("max 100000", File.ReadAllText(Path.Combine(_mount, "kubepods/podu2/cpu.max")));
        Assert.Equal("max", File.ReadAllText(Path.Combine(_mount, "kubepods/podu2/memory.max")));
    }

    private static Pod Pod(Dictionary<string, string>? overhead, params (string? Request, string? Limit, string? Memory)[] containers) => new()
    {
        Metadata = new ObjectMeta { Name = "p", Uid = "u" },
        Spec = new PodSpec
        {
            Overhead = overhead,
            Containers = [.. containers.Select((c, i) =>
            {
                var resources = new ResourceRequirements { Requests = [], Limits = [] };
                if (c.Request is not null) resources.Requests["cpu"] = c.Request;
                if (c.Limit is not null) resources.Limits["cpu"] = c.Limit;
                if (c.Memory is not null) resources.Limits["memory"] = c.Memory;
                return new Container { Name = $"c{i}", Image = "i", Resources = resources };
            })],
        },
    };
}
