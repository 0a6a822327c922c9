using System.Globalization;

namespace Ursa.Runtimes.Qemu.Vms;

/// <summary>
/// The cgroup a VM's QEMU runs in: a child <c>vm-ID</c> of the pod's cgroup (the CRI sandbox's cgroup parent),
/// limited to the VM's CPU and to guest memory plus overhead, so the node accounts VMs and containers one way.
/// cgroup v2 (one hierarchy) or v1 (the cpu and memory hierarchies).
/// </summary>
public sealed class VmCgroup
{
    private const string Root = "/sys/fs/cgroup";
    private const long CfsPeriodMicros = 100_000;

    private readonly IReadOnlyList<string> _directories;

    private VmCgroup(IReadOnlyList<string> directories) => _directories = directories;

    /// <summary>The <c>cgroup.procs</c> files a process joins, one per hierarchy.</summary>
    public IReadOnlyList<string> ProcsFiles => [.. _directories.Select(d => Path.Combine(d, "cgroup.procs"))];

    /// <summary>Creates (or reuses) the VM's cgroup under <paramref name="parent"/> and sets its limits.</summary>
    /// <param name="parent">The pod's cgroup path (e.g. <c>/kubepods/podUID</c>); null or empty: <c>/ursa-vms</c>.</param>
    /// <param name="vmId">The VM's id.</param>
    /// <param name="cpuLimitMillis">CPU quota in millicores (0: none).</param>
    /// <param name="memoryLimitBytes">Memory limit (0: none).</param>
    public static VmCgroup Create(string? parent, string vmId, long cpuLimitMillis, long memoryLimitBytes)
    {
        var relative = ((string.IsNullOrEmpty(parent) ? "/ursa-vms" : parent).TrimEnd('/') + "/vm-" + vmId[..Math.Min(12, vmId.Length)]).TrimStart('/');
        var quota = cpuLimitMillis > 0 ? cpuLimitMillis * CfsPeriodMicros / 1000 : -1;
        if (File.Exists(Path.Combine(Root, "cgroup.controllers")))
        {
            var dir = Path.Combine(Root, relative);
            Directory.CreateDirectory(dir);
            TryWrite(Path.Combine(dir, "memory.max"), memoryLimitBytes > 0 ? Invariant(memoryLimitBytes) : "max");
            TryWrite(Path.Combine(dir, "cpu.max"), quota > 0 ? $"{Invariant(quota)} {Invariant(CfsPeriodMicros)}" : "max");
            return new VmCgroup([dir]);
        }

        var memory = Path.Combine(Root, "memory", relative);
        var cpu = Path.Combine(Root, "cpu", relative);
        Directory.CreateDirectory(memory);
        Directory.CreateDirectory(cpu);
        TryWrite(Path.Combine(memory, "memory.limit_in_bytes"), memoryLimitBytes > 0 ? Invariant(memoryLimitBytes) : "-1");
        TryWrite(Path.Combine(cpu, "cpu.cfs_period_us"), Invariant(CfsPeriodMicros));
        TryWrite(Path.Combine(cpu, "cpu.cfs_quota_us"), Invariant(quota));
        return new VmCgroup([memory, cpu]);
    }

    /// <summary>Removes the cgroup directories (they must hold no process); missing ones are fine.</summary>
    public void Remove()
    {
        foreach (var dir in _directories)
        {
            try
            {
                Directory.Delete(dir);
            }
            catch (DirectoryNotFoundException)
            {
            }
            catch (IOException)
            {
                // Still busy (QEMU not reaped yet): the next stop or removal tries again.
            }
        }
    }

    // A limit the kernel refuses (e.g. above the parent's) must not stop the VM from starting: the parent's
    // limit still holds.
    private static void TryWrite(string file, string value)
    {
        try
        {
            File.WriteAllText(file, value);
        }
        catch (IOException)
        {
        }
    }

    private static string Invariant(long value) => value.ToString(CultureInfo.InvariantCulture);
}
