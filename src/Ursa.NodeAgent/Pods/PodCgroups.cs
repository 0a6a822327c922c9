using System.Globalization;

namespace Ursa.NodeAgent.Pods;

/// <summary>
/// Creates, limits and removes each pod's cgroup (<c>/CGROUPROOT/pod&lt;uid&gt;</c>, the sandbox's cgroup parent)
/// before the runtime puts anything in it, so the pod as a whole - every container, or a VM's QEMU - is held to the
/// sum of its limits, as the kubelet's pod cgroups do. cgroup v1 (the cpu and memory hierarchies) and v2 (unified).
/// </summary>
/// <param name="mountPoint">Where cgroups are mounted (<c>/sys/fs/cgroup</c>; tests pass a scratch directory).</param>
/// <param name="cgroupRoot">The hierarchy pods go under (<c>kubepods</c>).</param>
public sealed class PodCgroups(string mountPoint, string cgroupRoot)
{
    /// <summary>True on a unified (cgroup v2 only) host.</summary>
    public bool Unified => File.Exists(Path.Combine(mountPoint, "cgroup.controllers"));

    /// <summary>The directories of the pod's cgroup, one per hierarchy that matters.</summary>
    public IReadOnlyList<string> Directories(string podUid) => Unified
        ? [Path.Combine(mountPoint, cgroupRoot.Trim('/'), "pod" + podUid)]
        : [Path.Combine(mountPoint, "cpu", cgroupRoot.Trim('/'), "pod" + podUid), Path.Combine(mountPoint, "memory", cgroupRoot.Trim('/'), "pod" + podUid)];

    /// <summary>Creates the pod's cgroup (and the root above it) and writes its limits; idempotent.</summary>
    public void Apply(string podUid, PodCgroupLimits limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        var memory = limits.MemoryLimitBytes?.ToString(CultureInfo.InvariantCulture);
        if (Unified)
        {
            var dir = Directories(podUid)[0];
            Directory.CreateDirectory(dir);
            // cpu.weight is 1-10000 where shares were 2-262144 (the kubelet's conversion).
            var weight = 1 + ((limits.CpuShares - 2) * 9999 / 262142);
            Write(dir, "cpu.weight", weight.ToString(CultureInfo.InvariantCulture));
            Write(dir, "cpu.max", (limits.CpuQuotaMicros < 0 ? "max" : limits.CpuQuotaMicros.ToString(CultureInfo.InvariantCulture)) + " " + ContainerResourcesFactory.CpuPeriodMicros.ToString(CultureInfo.InvariantCulture));
            Write(dir, "memory.max", memory ?? "max");
            return;
        }

        var dirs = Directories(podUid);
        Directory.CreateDirectory(dirs[0]);
        Directory.CreateDirectory(dirs[1]);
        Write(dirs[0], "cpu.shares", limits.CpuShares.ToString(CultureInfo.InvariantCulture));
        Write(dirs[0], "cpu.cfs_period_us", ContainerResourcesFactory.CpuPeriodMicros.ToString(CultureInfo.InvariantCulture));
        Write(dirs[0], "cpu.cfs_quota_us", limits.CpuQuotaMicros.ToString(CultureInfo.InvariantCulture));
        Write(dirs[1], "memory.limit_in_bytes", memory ?? "-1");
    }

    /// <summary>Removes the pod's cgroup once nothing runs in it (the runtime removes the containers' own); a cgroup
    /// still in use stays and is retried on the next call.</summary>
    /// <returns>True when nothing of the pod's cgroup is left.</returns>
    public bool Remove(string podUid)
    {
        var removed = true;
        foreach (var dir in AllDirectories(podUid))
        {
            if (!Directory.Exists(dir)) continue;
            try
            {
                // cgroupfs directories hold only control files: rmdir of each child, then of the pod's own.
                foreach (var child in Directory.GetDirectories(dir))
                {
                    Directory.Delete(child);
                }

                Directory.Delete(dir);
            }
            catch (IOException)
            {
                removed = false;
            }
        }

        return removed;
    }

    /// <summary>The pod's cgroup in every hierarchy: runc creates the cgroup parent in each v1 controller it
    /// mounts (blkio, pids, freezer, ...), not only in the two whose limits are written here.</summary>
    private IEnumerable<string> AllDirectories(string podUid) => Unified
        ? Directories(podUid)
        : Directory.GetDirectories(mountPoint).Select(h => Path.Combine(h, cgroupRoot.Trim('/'), "pod" + podUid));

    private static void Write(string dir, string file, string value)
    {
        var path = Path.Combine(dir, file);
        // On a real cgroupfs the control files exist; on a scratch directory (tests) they are created.
        File.WriteAllText(path, value);
    }
}
