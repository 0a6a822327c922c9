using System.Globalization;

namespace Ursa.Benchmarks;

/// <summary>What /proc says about a process the benchmark started: CPU time and resident memory.</summary>
public static class ProcessStats
{
    // USER_HZ: 100 on every Linux configuration that .NET supports.
    private const long TicksPerSecond = 100;

    /// <summary>User + system CPU time used so far.</summary>
    public static TimeSpan CpuTime(int pid)
    {
        // Fields after the command name (which may hold spaces, hence the last ')'): utime and stime are the 12th and 13th.
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        return TimeSpan.FromSeconds((double)ticks / TicksPerSecond);
    }

    /// <summary>Resident memory (VmRSS).</summary>
    public static long ResidentBytes(int pid)
    {
        foreach (var line in File.ReadLines($"/proc/{pid}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
            }
        }

        return 0;
    }
}
