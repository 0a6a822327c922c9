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

    /// <summary>The VM's cgroup under <paramref name="parent"/> (or <c>/ursa-vms</c>), as paths only: nothing created.</summary>
    public static VmCgroup Of(string? parent, string vmId)
    {
        var relative = ((string.IsNullOrEmpty(parent) ? "/ursa-vms" : parent).TrimEnd('/') + "/vm-" + vmId[..Math.Min(12, vmId.Length)]).TrimStart('/');
        return IsUnified
            ? new VmCgroup([Path.Combine(Root, relative)])
            : new VmCgroup([Path.Combine(Root, "memory", relative), Path.Combine(Root, "cpu", relative)]);
    }

    /// <summary>Creates (or reuses) the VM's cgroup under <paramref name="parent"/> and sets its limits.</summary>
    /// <param name="parent">The pod's cgroup path (e.g. <c>/kubepods/podUID</c>); null or empty: <c>/ursa-vms</c>.</param>
    /// <param name="vmId">The VM's id.</param>
    /// <param name="cpuLimitMillis">CPU quota in millicores (0: none).</param>
    /// <param name="memoryLimitBytes">Memory limit (0: none).</param>
    public static VmCgroup Create(string? parent, string vmId, long cpuLimitMillis, long memoryLimitBytes)
    {
        var cgroup = Of(parent, vmId);
        foreach (var dir in cgroup._directories)
        {
            Directory.CreateDirectory(dir);
        }

        var quota = cpuLimitMillis > 0 ? cpuLimitMillis * CfsPeriodMicros / 1000 : -1;
        if (IsUnified)
        {
            var dir = cgroup._directories[0];
            TryWrite(Path.Combine(dir, "memory.max"), memoryLimitBytes > 0 ? Invariant(memoryLimitBytes) : "max");
            TryWrite(Path.Combine(dir, "cpu.max"), quota > 0 ? $"{Invariant(quota)} {Invariant(CfsPeriodMicros)}" : "max");
            return cgroup;
        }

        var (memory, cpu) = (cgroup._directories[0], cgroup._directories[1]);
        TryWrite(Path.Combine(memory, "memory.limit_in_bytes"), memoryLimitBytes > 0 ? Invariant(memoryLimitBytes) : "-1");
        TryWrite(Path.Combine(cpu, "cpu.cfs_period_us"), Invariant(CfsPeriodMicros));
        TryWrite(Path.Combine(cpu, "cpu.cfs_quota_us"), Invariant(quota));
        return cgroup;
    }

    private static bool IsUnified => File.Exists(Path.Combine(Root, "cgroup.controllers"));

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
