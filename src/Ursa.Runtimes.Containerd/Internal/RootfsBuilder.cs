namespace Ursa.Runtimes.Containerd.Internal;

/// <summary>Lays out a minimal root filesystem around a static busybox.</summary>
internal static class RootfsBuilder
{
    /// <summary>
    /// Fills <paramref name="root"/>: <c>/bin/busybox</c>, one symlink per entry of <paramref name="applets"/>
    /// (paths as <c>busybox --list-full</c> prints them, e.g. <c>usr/bin/wget</c>), root and nobody in
    /// /etc/passwd and /etc/group (so <c>id</c> and <c>ps</c> show names), and the usual empty mount points.
    /// </summary>
    public static void Build(string root, string busybox, IEnumerable<string> applets)
    {
        foreach (string directory in new[] { "bin", "sbin", "usr/bin", "usr/sbin", "etc", "root", "home", "var", "proc", "sys", "dev", "run" })
        {
            _ = Directory.CreateDirectory(Path.Combine(root, directory));
        }

        string tmp = Path.Combine(root, "tmp");
        _ = Directory.CreateDirectory(tmp);
        File.SetUnixFileMode(tmp, (UnixFileMode)0b1_111_111_111); // 1777, sticky like any /tmp

        string target = Path.Combine(root, "bin", "busybox");
        File.Copy(busybox, target, overwrite: true);
        File.SetUnixFileMode(target, (UnixFileMode)0b111_101_101); // 0755

        foreach (string applet in applets)
        {
            string relative = applet.Trim().TrimStart('/');
            if (relative.Length == 0 || relative == "bin/busybox" || relative.Contains("..", StringComparison.Ordinal))
            {
                continue;
            }

            string link = Path.Combine(root, relative);
            _ = Directory.CreateDirectory(Path.GetDirectoryName(link)!);
            if (!Path.Exists(link))
            {
                _ = File.CreateSymbolicLink(link, "/bin/busybox");
            }
        }

        File.WriteAllText(Path.Combine(root, "etc", "passwd"), "root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/bin/false\n");
        File.WriteAllText(Path.Combine(root, "etc", "group"), "root:x:0:\nnogroup:x:65534:\n");
    }
}
