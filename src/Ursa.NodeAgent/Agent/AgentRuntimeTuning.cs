using System.Collections;
using System.Runtime.InteropServices;

namespace Ursa.NodeAgent.Agent;

/// <summary>
/// Runtime settings for a standalone <c>ursa agent</c> process, which idles with a hundred pods for days and whose
/// resident memory is a stated target (docs/benchmarks.md, agent memory). The GC's gen0 budget follows the CPU's
/// cache (32 MiB L3 here → ~16 MiB of gen0 kept committed) and tiered PGO keeps instrumented code and its counts: both
/// buy throughput the API server wants and the agent does not. They can only be set before the runtime starts and
/// the one <c>ursa</c> binary also runs the server, so <see cref="ExecWithTunedRuntime"/> re-executes the process
/// in place (<c>execve</c>: same PID, same descriptors, nothing left behind) with them in its environment.
/// </summary>
public static class AgentRuntimeTuning
{
    /// <summary>Set in the re-executed process (and honoured if set by hand): no further re-exec. <c>0</c> turns the
    /// tuning off.</summary>
    public const string MarkerVariable = "URSA_AGENT_RUNTIME_TUNED";

    /// <summary>The settings, as the runtime reads them from the environment (GC values are hexadecimal).</summary>
    public static IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        // 2 MiB gen0 budget: a gen0 GC of the agent's few MiB of live objects is cheap, and it runs seldom when idle.
        ["DOTNET_GCgen0size"] = "0x200000",
        ["DOTNET_TieredPGO"] = "0",
    };

    /// <summary>
    /// Replaces this process with itself started with <see cref="Settings"/> unless it already runs with them, the
    /// marker says not to, or any of them is set by the user (theirs win). Returns only when it did not re-execute.
    /// </summary>
    public static void ExecWithTunedRuntime()
    {
        if (Environment.GetEnvironmentVariable(MarkerVariable) is not null
            || Settings.Keys.Any(k => Environment.GetEnvironmentVariable(k) is not null)
            || Environment.ProcessPath is not { } executable
            || !File.Exists("/proc/self/cmdline"))
        {
            return;
        }

        // The exact argv this process was started with (host, entry assembly, arguments), whichever host started it.
        var argv = File.ReadAllText("/proc/self/cmdline").TrimEnd('\0').Split('\0');
        var environment = new List<string>();
        foreach (DictionaryEntry variable in Environment.GetEnvironmentVariables())
        {
            environment.Add($"{variable.Key}={variable.Value}");
        }

        environment.AddRange(Settings.Select(s => $"{s.Key}={s.Value}"));
        environment.Add(MarkerVariable + "=1");
        var path = Marshal.StringToCoTaskMemUTF8(executable);
        var args = ToNative(argv);
        var env = ToNative(environment);
        _ = Execve(path, args, env);

        // Still here: exec failed (say, a sandbox forbids it). Run untuned rather than not at all.
        Marshal.FreeCoTaskMem(path);
        Free(args);
        Free(env);
    }

    private static IntPtr[] ToNative(IReadOnlyList<string> strings)
    {
        var native = new IntPtr[strings.Count + 1];
        for (var i = 0; i < strings.Count; i++)
        {
            native[i] = Marshal.StringToCoTaskMemUTF8(strings[i]);
        }

        return native;
    }

    private static void Free(IntPtr[] native)
    {
        foreach (var p in native)
        {
            Marshal.FreeCoTaskMem(p);
        }
    }

    [DllImport("libc", EntryPoint = "execve", SetLastError = true)]
    private static extern int Execve(IntPtr path, IntPtr[] argv, IntPtr[] envp);
}
