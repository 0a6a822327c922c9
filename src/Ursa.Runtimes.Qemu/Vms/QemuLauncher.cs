using System.Diagnostics;

namespace Ursa.Runtimes.Qemu.Vms;

/// <summary>
/// Starts QEMU as a process that outlives the runtime: a tiny shell wrapper joins the VM's cgroup, detaches from
/// the runtime's session and stdio, enters the pod's network namespace, then execs QEMU, so the PID it returns
/// is QEMU's own.
/// </summary>
public static class QemuLauncher
{
    private const string Wrapper =
        "for f in $URSA_CGROUP_PROCS; do echo $$ > \"$f\" || exit 97; done; " +
        "exec </dev/null >>\"$URSA_QEMU_LOG\" 2>&1; " +
        "if [ -n \"$URSA_NETNS\" ]; then exec setsid nsenter --net=\"$URSA_NETNS\" -- \"$@\"; else exec setsid \"$@\"; fi";

    /// <summary>Starts <paramref name="binary"/> with <paramref name="arguments"/>; the returned process is QEMU.</summary>
    /// <param name="binary">The QEMU binary.</param>
    /// <param name="arguments">Its arguments (<see cref="Launch.QemuCommandLine"/>).</param>
    /// <param name="cgroupProcs">The cgroup.procs files to join first.</param>
    /// <param name="networkNamespacePath">The pod's network namespace (null: the runtime's).</param>
    /// <param name="logFile">Where QEMU's stdout and stderr go.</param>
    public static Process Start(string binary, IReadOnlyList<string> arguments, IReadOnlyList<string> cgroupProcs, string? networkNamespacePath, string logFile)
    {
        var start = new ProcessStartInfo("/bin/sh") { UseShellExecute = false };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(Wrapper);
        start.ArgumentList.Add("ursa-vm");
        start.ArgumentList.Add(binary);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["URSA_CGROUP_PROCS"] = string.Join(' ', cgroupProcs);
        start.Environment["URSA_QEMU_LOG"] = logFile;
        start.Environment["URSA_NETNS"] = networkNamespacePath ?? string.Empty;
        return Process.Start(start) ?? throw new InvalidOperationException($"could not start {binary}");
    }
}
