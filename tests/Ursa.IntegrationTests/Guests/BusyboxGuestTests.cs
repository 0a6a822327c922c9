using System.Diagnostics;
using System.Text.RegularExpressions;
using Ursa.IntegrationTests.Infrastructure;
using Ursa.Runtimes.Containerd;

namespace Ursa.IntegrationTests.Guests;

/// <summary>
/// The busybox test guest (scripts/guests/build-busybox-guest.sh) built for real and booted in QEMU under TCG
/// with a NoCloud seed: the contract the VM runtime and the VM tests rely on (scripts/guests/README.md).
/// The first build downloads Debian's kernel package from the apt mirror into the shared guest cache (~15 s).
/// </summary>
public sealed partial class BusyboxGuestTests
{
    private const string Mac = "52:54:00:0a:58:05";

    // 2 shared cores and TCG: a boot takes ~6 s on an idle machine, ~20 s while others build.
    private static readonly TimeSpan BootDeadline = TimeSpan.FromSeconds(150);

    [Fact]
    public async Task Boot_WithSeed_ConfiguresNetworkRunsUserDataAndAnswersOnSerial()
    {
        string image = await BuildAsync();
        using var work = new TestDirectory("guest");
        string seed = await SeedAsync(work.Path, "i-boot-1", "#!/bin/sh\necho user-data-marker-$((20+3))\n");
        var clock = Stopwatch.StartNew();
        await using var qemu = await GuestQemu.StartAsync(image, work.Path, seed, Mac);

        await qemu.WaitForConsoleAsync(c => c.Contains("ursa-guest booted", StringComparison.Ordinal), BootDeadline, "the boot marker");
        TimeSpan booted = clock.Elapsed;
        await qemu.WaitForConsoleAsync(c => PromptPattern().IsMatch(c), BootDeadline, "a shell prompt ending in '# '");
        await qemu.WaitForConsoleAsync(c => c.Contains("user-data-marker-23", StringComparison.Ordinal), BootDeadline, "the user-data script's output");

        // The user-data job writes its exit line to /dev/console in the background; typing only after it keeps that
        // line from landing inside the typed commands' output (a CI run saw the route line cut that way).
        await qemu.WaitForConsoleAsync(c => c.Contains("ursa-guest user-data exit 0", StringComparison.Ordinal), BootDeadline, "the user-data script's exit line");

        // The arithmetic is done by the guest's shell: the echoed command line holds "$((6*7))", never "42".
        await qemu.TypeAsync("echo answer-$((6*7)); hostname; ip -4 addr show eth0; ip route; echo end-$((1+1))");
        string console = await qemu.WaitForConsoleAsync(c => c.Contains("end-2\r\n", StringComparison.Ordinal), TimeSpan.FromSeconds(60), "the output of typed commands");

        AssertConsoleHas(console, "answer-42\r\n");
        Assert.Matches(@"(?m)^guest-one\r?$", console);
        AssertConsoleHas(console, "inet 10.88.0.5/16");
        AssertConsoleHas(console, "default via 10.88.0.1 dev eth0");
        Assert.True(booted < BootDeadline, $"booted after {booted}");
    }

    /// <summary>Contains, with the console's last 3,000 characters in the failure (xUnit cuts a long string short).</summary>
    private static void AssertConsoleHas(string console, string expected) =>
        Assert.True(console.Contains(expected, StringComparison.Ordinal), $"the console lacks \"{expected}\"; its end:\n{console[Math.Max(0, console.Length - 3000)..]}");

    [Fact]
    public async Task PowerButton_BootedGuest_PowersOffCleanly()
    {
        string image = await BuildAsync();
        using var work = new TestDirectory("guest");
        await using var qemu = await GuestQemu.StartAsync(image, work.Path, seedIso: null, Mac);
        await qemu.WaitForConsoleAsync(c => PromptPattern().IsMatch(c), BootDeadline, "a shell prompt");

        var reply = await qemu.QmpAsync("system_powerdown");

        Assert.NotNull(reply["return"]);
        // Without -no-shutdown QEMU exits when the guest powers off; a guest ignoring ACPI would keep it running.
        Assert.True(await qemu.WaitForExitAsync(TimeSpan.FromSeconds(60)), $"QEMU (pid {qemu.ProcessId}) still runs 60 s after system_powerdown; console:\n{qemu.Console}");
        Assert.Equal(0, qemu.ExitCode);
        Assert.Contains("Requesting system poweroff", qemu.Console, StringComparison.Ordinal);
        Assert.DoesNotContain("can't remount", qemu.Console, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Build_Twice_SecondRunReusesTheCachedImage()
    {
        string first = await BuildAsync();
        DateTime written = File.GetLastWriteTimeUtc(first);

        var clock = Stopwatch.StartNew();
        string second = await BuildAsync();

        Assert.Equal(first, second);
        Assert.Equal(written, File.GetLastWriteTimeUtc(second));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"a cached build took {clock.Elapsed}");
    }

    /// <summary>Runs the build script into the shared guest cache (what ursa up uses too) and returns the image.</summary>
    private static async Task<string> BuildAsync()
    {
        string script = Path.Combine(RepoPaths.Root, GuestImages.BusyboxScript);
        var result = await ProcessRunner.RunAsync("/bin/bash", [script, GuestImages.DefaultOutputDirectory], timeout: TimeSpan.FromMinutes(10));
        Assert.True(result.ExitCode == 0, $"{script} failed ({result.ExitCode}): {result.Stderr}");
        string image = result.Stdout.Trim().Split('\n')[^1];
        Assert.True(File.Exists(image), $"{script} printed '{image}', which does not exist");
        return image;
    }

    /// <summary>A NoCloud seed ISO (label cidata) with the network settings and <paramref name="userData"/>.</summary>
    private static async Task<string> SeedAsync(string directory, string instanceId, string userData)
    {
        string files = Path.Combine(directory, "seed");
        Directory.CreateDirectory(files);
        await File.WriteAllTextAsync(Path.Combine(files, "meta-data"), $"instance-id: {instanceId}\nlocal-hostname: guest-one\n");
        await File.WriteAllTextAsync(Path.Combine(files, "user-data"), userData);
        await File.WriteAllTextAsync(Path.Combine(files, "ursa-network.env"),
            $"URSA_MAC={Mac}\nURSA_IP=10.88.0.5/16\nURSA_GATEWAY=10.88.0.1\nURSA_HOSTNAME=guest-one\n");
        string iso = Path.Combine(directory, "seed.iso");
        var result = await ProcessRunner.RunAsync("genisoimage", ["-quiet", "-output", iso, "-volid", "cidata", "-joliet", "-rock", files]);
        Assert.True(result.ExitCode == 0, $"genisoimage failed: {result.Stderr}");
        return iso;
    }

    // busybox ash prints "/ # " and then asks the terminal for the cursor position (ESC [ 6 n).
    [GeneratedRegex(@"(?m)^[/~][^\r\n]* # (\x1b\[6n)?")]
    private static partial Regex PromptPattern();
}
