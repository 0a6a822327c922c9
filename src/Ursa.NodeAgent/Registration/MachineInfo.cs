using System.Globalization;

namespace Ursa.NodeAgent.Registration;

/// <summary>What the node has, read once from <c>/proc</c> and <c>/etc</c> at start-up.</summary>
public sealed record MachineInfo(int Cpus, long MemoryBytes, string KernelVersion, string OsImage, string MachineId, string BootId, string Architecture)
{
    /// <summary>Reads this machine; missing files give empty strings rather than failures.</summary>
    public static MachineInfo Read()
    {
        return new MachineInfo(
            Environment.ProcessorCount,
            ParseMemTotal(ReadOrEmpty("/proc/meminfo")),
            ReadOrEmpty("/proc/sys/kernel/osrelease").Trim(),
            ParsePrettyName(ReadOrEmpty("/etc/os-release")),
            ReadOrEmpty("/etc/machine-id").Trim(),
            ReadOrEmpty("/proc/sys/kernel/random/boot_id").Trim(),
            System.Runtime.InteropServices.RuntimeInformation.OSArchitecture switch
            {
                System.Runtime.InteropServices.Architecture.X64 => "amd64",
                System.Runtime.InteropServices.Architecture.Arm64 => "arm64",
                var other => other.ToString().ToLowerInvariant(),
            });
    }

    /// <summary>MemTotal from /proc/meminfo text, in bytes (0 if absent).</summary>
    public static long ParseMemTotal(string meminfo)
    {
        foreach (var line in meminfo.Split('\n'))
        {
            if (line.StartsWith("MemTotal:", StringComparison.Ordinal))
            {
                var fields = line["MemTotal:".Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
                return long.Parse(fields[0], CultureInfo.InvariantCulture) * 1024;
            }
        }

        return 0;
    }

    /// <summary>PRETTY_NAME from os-release text.</summary>
    public static string ParsePrettyName(string osRelease)
    {
        foreach (var line in osRelease.Split('\n'))
        {
            if (line.StartsWith("PRETTY_NAME=", StringComparison.Ordinal))
            {
                return line["PRETTY_NAME=".Length..].Trim().Trim('"');
            }
        }

        return "Linux";
    }

    private static string ReadOrEmpty(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (IOException)
        {
            return string.Empty;
        }
        catch (UnauthorizedAccessException)
        {
            return string.Empty;
        }
    }
}
