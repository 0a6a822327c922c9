using System.Text.RegularExpressions;
using Ursa.Api.Core;
using Ursa.IntegrationTests.Infrastructure;

namespace Ursa.EndToEndTests.NodeAgent;

/// <summary>
/// A running VM pod changed through its spec (hot-plug of a NIC and a disk, CPU and memory resize) and operated with
/// <c>ursa vm</c> (console, list, snapshot/restore, stop/start), on real QEMU with the busybox test guest. What the
/// guest sees is read on its serial console through <c>ursa vm console</c>.
/// </summary>
[Collection(NodeClusterCollection.Name)]
public sealed partial class VmPodDevicesEndToEndTests(NodeClusterFixture cluster) : IDisposable
{
    private const string Name = "vm-plug";
    private static readonly TimeSpan BootDeadline = TimeSpan.FromSeconds(180);
    private static readonly TimeSpan GuestDeadline = TimeSpan.FromSeconds(60);
    private readonly string _disk = Path.Combine(Path.GetTempPath(), $"ursa-e2e-disk-{Guid.NewGuid():N}.img");

    public void Dispose() => File.Delete(_disk);

    private static bool Booted(Pod p) => p.Status?.Conditions?.Any(c => c.Type == "VirtualMachineReady" && c.Status == "True") == true;

    [Fact]
    public async Task VmPod_HotPlugsNicAndDisk_ResizesLive_AndIsOperatedWithUrsaVm()
    {
        using (var disk = File.Create(_disk))
        {
            disk.SetLength(64L << 20);
        }

        await cluster.ApplyAsync($$"""
            apiVersion: v1
            kind: Pod
            metadata:
              name: {{Name}}
            spec:
              terminationGracePeriodSeconds: 10
              nics:
              - name: eth0
              volumes:
              - name: data
                hostPath: {path: {{_disk}}}
              virtualMachine:
                name: {{Name}}
                image: ursa.local/guest/busybox:latest
                resources:
                  limits: {cpu: "1", memory: 256Mi}
            """);
        await cluster.WaitForPodAsync(Name, Booted, BootDeadline, "VirtualMachineReady");
        var nics = await GuestCountAsync("ls -d /sys/class/net/eth*", _ => true);
        var disks = await GuestCountAsync("ls -d /sys/block/vd*", _ => true);
        var cpus = await GuestCountAsync("grep ^processor /proc/cpuinfo", n => n == 1);
        var memory = await GuestMemoryKiBAsync(_ => true);

        // Hot-plug: one more NIC and the disk, by editing the spec (merge patch: lists are replaced whole).
        await Patch("""{"spec":{"nics":[{"name":"eth0"},{"name":"eth1"}],"virtualMachine":{"volumeDevices":[{"name":"data","devicePath":"/dev/vdz"}]}}}""");
        await cluster.WaitForEventAsync(Name, e => e.Reason == "NicAttached", "a NicAttached event");
        await cluster.WaitForEventAsync(Name, e => e.Reason == "DiskAttached", "a DiskAttached event");
        await GuestCountAsync("ls -d /sys/class/net/eth*", n => n == nics + 1);
        await GuestCountAsync("ls -d /sys/block/vd*", n => n == disks + 1);
        var size = await GuestAsync("cat /sys/block/$(ls /sys/block | grep ^vd | sort | tail -1)/size", @"\d+", _ => true);
        Assert.Equal((64L << 20) / 512, long.Parse(size, System.Globalization.CultureInfo.InvariantCulture));

        // Unplug both again.
        await Patch("""{"spec":{"nics":[{"name":"eth0"}],"virtualMachine":{"volumeDevices":null}}}""");
        await cluster.WaitForEventAsync(Name, e => e.Reason == "NicDetached", "a NicDetached event");
        await cluster.WaitForEventAsync(Name, e => e.Reason == "DiskDetached", "a DiskDetached event");
        await GuestCountAsync("ls -d /sys/class/net/eth*", n => n == nics);
        await GuestCountAsync("ls -d /sys/block/vd*", n => n == disks);

        // Grow live: a vCPU and 128 MiB (a DIMM); the guest onlines both.
        await Patch("""{"spec":{"virtualMachine":{"resources":{"limits":{"cpu":"2","memory":"384Mi"}}}}}""");
        await cluster.WaitForEventAsync(Name, e => e.Reason == "Resized", "a Resized event");
        await GuestCountAsync("grep ^processor /proc/cpuinfo", n => n == cpus + 1);
        await GuestMemoryKiBAsync(kib => kib >= memory + (120 << 10));
        var grown = await cluster.WaitForPodAsync(Name, p => p.Status?.VirtualMachineStatus?.Resources?.Limits?.GetValueOrDefault("cpu") == "2", TimeSpan.FromSeconds(30), "reporting 2 vCPUs");
        Assert.Equal("384Mi", grown.Status!.VirtualMachineStatus!.Resources!.Limits!["memory"]);
        Assert.Null(grown.Status.VirtualMachineStatus.PendingResources);

        // Shrinking is not done live: it waits for the next start and says so.
        await Patch("""{"spec":{"virtualMachine":{"resources":{"limits":{"cpu":"1","memory":"384Mi"}}}}}""");
        await cluster.WaitForEventAsync(Name, e => e.Reason == "ResizePending", "a ResizePending event");
        var pending = await cluster.WaitForPodAsync(Name, p => p.Status?.VirtualMachineStatus?.PendingResources is not null, TimeSpan.FromSeconds(30), "showing pendingResources");
        Assert.Equal("1", pending.Status!.VirtualMachineStatus!.PendingResources!.Limits!["cpu"]);
        Assert.Equal("2", pending.Status.VirtualMachineStatus.Resources!.Limits!["cpu"]);

        // ursa vm: list, snapshot + restore, stop + start (the pending size applies at the start).
        var list = await Ursa(null, "vm", "list");
        Assert.Matches($@"(?m)^{Name}\s+running\s+true\b", list.Stdout);
        var snapshot = await Ursa(null, "vm", "snapshot", Name, "--snapshot-name", "e2e");
        var snapshotId = SnapshotId().Match(snapshot.Stdout).Groups[1].Value;
        Assert.StartsWith("snap-", snapshotId, StringComparison.Ordinal);
        await GuestAsync("touch /root/after && ls /root | grep -c after", @"\d+", s => s == "1");
        await Ursa(null, "vm", "restore", Name, snapshotId);
        await GuestAsync("ls /root | grep -c after", @"\d+", s => s == "0");
        await Ursa(null, "vm", "stop", Name);
        await cluster.WaitForPodAsync(Name, p => p.Status?.VirtualMachineStatus?.PowerState == "shutdown", TimeSpan.FromSeconds(10), "shut down");
        var start = await Ursa(null, "vm", "start", Name);
        Assert.Contains("ready=True", start.Stdout, StringComparison.Ordinal);
        await GuestCountAsync("grep ^processor /proc/cpuinfo", n => n == 1);
        var restarted = await cluster.WaitForPodAsync(Name, p => p.Status?.VirtualMachineStatus?.PendingResources is null, TimeSpan.FromSeconds(30), "with nothing pending after the restart");
        Assert.Equal("1", restarted.Status!.VirtualMachineStatus!.Resources!.Limits!["cpu"]);

        var notVm = await cluster.UrsaAsync(null, "vm", "console", "no-such-pod");
        Assert.NotEqual(0, notVm.ExitCode);
        Assert.Contains("not found", notVm.Stderr, StringComparison.OrdinalIgnoreCase);

        await cluster.KubectlAsync("delete", "pod", Name, "--wait=true", "--timeout=60s");
    }

    private async Task Patch(string mergePatch)
    {
        var result = await cluster.KubectlAsync("patch", "pod", Name, "--type=merge", "-p", mergePatch);
        Assert.True(result.ExitCode == 0, $"kubectl patch failed: {result.Stderr}");
    }

    private async Task<CommandResult> Ursa(string? stdin, params string[] args)
    {
        var result = await cluster.UrsaAsync(stdin, args);
        Assert.True(result.ExitCode == 0, $"ursa {string.Join(' ', args)} failed ({result.ExitCode}): {result.Stdout} {result.Stderr}");
        return result;
    }

    /// <summary>
    /// Runs <paramref name="command"/> in the guest through <c>ursa vm console</c> until its answer matches; the
    /// answer is printed after a marker the echoed command line cannot contain (the tty echoes what is typed).
    /// Each probe is a new console session, so this also proves sessions come and go cleanly.
    /// </summary>
    private async Task<string> GuestAsync(string command, string pattern, Func<string, bool> done)
    {
        var last = string.Empty;
        var deadline = DateTime.UtcNow + GuestDeadline;
        while (true)
        {
            // The console replays its recent history first: a fresh tag per call tells this answer from earlier ones.
            var tag = Guid.NewGuid().ToString("N")[..8];
            var regex = new Regex($"ANSWER-{tag}=({pattern})");
            var result = await cluster.UrsaAsync($"echo ANS\"\"WER-{tag}=$({command} 2>/dev/null)\n", "vm", "console", Name);
            var match = regex.Match(result.Stdout);
            last = match.Success ? match.Groups[1].Value : $"(no answer; exit {result.ExitCode}: {result.Stdout[^Math.Min(300, result.Stdout.Length)..]} {result.Stderr})";
            if (match.Success && done(last))
            {
                return last;
            }

            Assert.True(DateTime.UtcNow < deadline, $"the guest did not get there for `{command}` within {GuestDeadline.TotalSeconds} s; last answer: {last}");
            await Task.Delay(TimeSpan.FromSeconds(1));
        }
    }

    private async Task<int> GuestCountAsync(string command, Func<int, bool> done) =>
        int.Parse(await GuestAsync(command + " | wc -l", @"\d+", s => done(int.Parse(s, System.Globalization.CultureInfo.InvariantCulture))), System.Globalization.CultureInfo.InvariantCulture);

    private async Task<long> GuestMemoryKiBAsync(Func<long, bool> done) =>
        long.Parse(await GuestAsync("grep MemTotal /proc/meminfo | tr -dc 0-9", @"\d+", s => done(long.Parse(s, System.Globalization.CultureInfo.InvariantCulture))), System.Globalization.CultureInfo.InvariantCulture);

    [GeneratedRegex(@"snapshot ID: (\S+)")]
    private static partial Regex SnapshotId();
}
