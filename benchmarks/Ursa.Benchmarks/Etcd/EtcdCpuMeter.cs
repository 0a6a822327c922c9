using System.Globalization;

namespace Ursa.Benchmarks.Etcd;

/// <summary>
/// CPU time (user + system) that each of a few processes spends over one phase, from /proc/PID/stat, so a
/// phase's cost can be split between etcd, the API server and the load generator.
/// </summary>
public sealed class EtcdCpuMeter
{
    private readonly Dictionary<string, (int Pid, double Start)> _processes = [];

    /// <summary>Starts counting for <paramref name="pid"/>, named <paramref name="name"/> in the summary.</summary>
    public void Track(string name, int pid) => _processes[name] = (pid, Seconds(pid));

    /// <summary>"etcd 120 us, server 410 us, ..." of CPU per operation since tracking began.</summary>
    public string PerOperation(int operations) => string.Join(", ", _processes.Select(p =>
        string.Create(CultureInfo.InvariantCulture, $"{p.Key} {(Seconds(p.Value.Pid) - p.Value.Start) / operations * 1e6:0} us")));

    private static double Seconds(int pid) => ProcessStats.CpuTime(pid).TotalSeconds;
}
