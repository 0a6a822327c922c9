namespace Ursa.EndToEndTests.Runtimes.Cri;

/// <summary>cgroup v1 (hybrid) helpers: read a container's limits and remove the pod cgroups runc left.</summary>
internal static class CgroupFs
{
    private const string Root = "/sys/fs/cgroup";

    /// <summary>The file of <paramref name="controller"/> for <paramref name="cgroup"/> (e.g. <c>/kubepods/.../ID</c>).</summary>
    public static string PathOf(string controller, string cgroup, string file) => Path.Join(Root, controller, cgroup, file);

    /// <summary>
    /// Removes <paramref name="podParent"/> in every controller (runc creates the parents and removes only the
    /// container's own cgroup), then its parents up to the top when they are empty.
    /// </summary>
    public static void RemovePodCgroups(string podParent)
    {
        foreach (string controller in Directory.EnumerateDirectories(Root))
        {
            string pod = Path.Join(controller, podParent);
            if (!Directory.Exists(pod))
            {
                continue;
            }

            // Deepest first: rmdir(2) is how a cgroup is removed, and it fails while it has children.
            foreach (string child in Directory.EnumerateDirectories(pod, "*", SearchOption.AllDirectories).OrderByDescending(d => d.Length))
            {
                Directory.Delete(child);
            }

            Directory.Delete(pod);
            for (string? parent = Path.GetDirectoryName(pod); parent is not null && parent.Length > controller.Length; parent = Path.GetDirectoryName(parent))
            {
                try
                {
                    Directory.Delete(parent);
                }
                catch (IOException)
                {
                    // Not empty: another test or a node agent on this machine has pods under the shared kubepods.
                    break;
                }
            }
        }
    }

    /// <summary>Command lines of processes that mention <paramref name="text"/> (a test's data directory).</summary>
    public static string[] ProcessesUsing(string text) =>
        [.. Directory.EnumerateDirectories("/proc")
            .Where(d => int.TryParse(Path.GetFileName(d), out _))
            .Select(d => { try { return File.ReadAllText(Path.Combine(d, "cmdline")).Replace('\0', ' '); } catch (IOException) { return ""; } })
            .Where(c => c.Contains(text, StringComparison.Ordinal))];
}
