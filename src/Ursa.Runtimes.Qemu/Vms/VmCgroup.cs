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

    // A quota below 10 % of a core would starve even an idle guest's timer ticks.
    private const long MinimumCpuLimitMillis = 100;

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

        TryWrite(IsUnified ? Path.Combine(cgroup._directories[0], "memory.max") : Path.Combine(cgroup._directories[0], "memory.limit_in_bytes"),
            memoryLimitBytes > 0 ? Invariant(memoryLimitBytes) : IsUnified ? "max" : "-1");
        cgroup.SetCpuLimit(cpuLimitMillis);
        return cgroup;
    }

    /// <summary>Sets the CPU quota to <paramref name="cpuLimitMillis"/> millicores (0: none); a missing cgroup is left alone.</summary>
    public void SetCpuLimit(long cpuLimitMillis)
    {
        var quota = cpuLimitMillis > 0 ? cpuLimitMillis * CfsPeriodMicros / 1000 : -1;
        if (IsUnified)
        {
            TryWrite(Path.Combine(_directories[0], "cpu.max"), quota > 0 ? $"{Invariant(quota)} {Invariant(CfsPeriodMicros)}" : "max");
            return;
        }

        TryWrite(Path.Combine(_directories[1], "cpu.cfs_period_us"), Invariant(CfsPeriodMicros));
        TryWrite(Path.Combine(_directories[1], "cpu.cfs_quota_us"), Invariant(quota));
    }

    /// <summary>
    /// The CPU limit of a VM with <paramref name="vcpus"/> vCPUs whose config asked <paramref name="configuredMillis"/>
    /// for <paramref name="configuredVcpus"/>: the agent derives both from the pod's CPU limit (plus pod overhead),
    /// so each vCPU added or removed by a resize moves the quota by one core, the overhead kept. 0 stays 0 (no limit).
    /// </summary>
    public static long CpuLimitFor(long configuredMillis, int configuredVcpus, int vcpus) =>
        configuredMillis <= 0 ? 0 : Math.Max(MinimumCpuLimitMillis, configuredMillis + ((long)(vcpus - configuredVcpus) * 1000));

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
