namespace Ursa.Runtimes.Containerd.Internal;

/// <summary>Reads /proc to tell whether a pid is still the daemon we started (pids get reused).</summary>
internal static class ProcFs
{
    /// <summary>True when <paramref name="pid"/> is alive (not a zombie) and one of its argv entries is
    /// <paramref name="marker"/> (the daemon's own config path, present from the launching shell to the exec'd daemon).</summary>
    public static bool IsRunning(int pid, string marker)
    {
        try
        {
            string stat = File.ReadAllText($"/proc/{pid}/stat");
            // The state letter follows the command name in parentheses, which may itself contain ')'.
            int close = stat.LastIndexOf(')');
            if (close < 0 || close + 2 >= stat.Length || stat[close + 2] is 'Z' or 'X')
            {
                return false;
            }

            string[] argv = File.ReadAllText($"/proc/{pid}/cmdline").Split('\0');
            return argv.Contains(marker, StringComparer.Ordinal);
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }
}
