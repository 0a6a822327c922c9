using Microsoft.Extensions.Logging.Abstractions;
using Ursa.Runtimes.Containerd;

namespace Ursa.UnitTests.Runtimes.Containerd;

/// <summary><see cref="LocalImages.PushContainerDiskAsync"/> and <see cref="GuestImages"/> over a fake runner.</summary>
public sealed class ContainerDiskTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("ursa-cdisk-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Theory]
    [InlineData("/x/busybox-guest.qcow2", "qcow2")]
    [InlineData("/x/DISK.QCOW2", "qcow2")]
    [InlineData("/x/disk.raw", "raw")]
    [InlineData("/x/disk.img", "raw")]
    public void DiskFormatOf_KnownExtension_Format(string path, string format) => Assert.Equal(format, LocalImages.DiskFormatOf(path));

    [Theory]
    [InlineData("/x/disk.vmdk")]
    [InlineData("/x/disk")]
    public void DiskFormatOf_OtherExtension_Throws(string path) => Assert.Throws<ArgumentException>(() => LocalImages.DiskFormatOf(path));

    [Fact]
    public async Task PushContainerDisk_FirstTime_RepackedWithFormatLabelThenPushedInsideTheNamespace()
    {
        string disk = WriteDisk("guest.qcow2");
        var runner = UmociCreatingLayouts();
        LocalImages images = NewImages(runner);

        await images.PushContainerDiskAsync(disk, "guest/busybox:latest", CancellationToken.None);

        string layout = Path.Combine(_directory, "data", "images", "disk-guest_busybox_latest");
        Assert.True(Directory.Exists(layout), "the layout was not moved into the cache");
        Assert.Contains(runner.Commands, c => c.StartsWith("/usr/bin/umoci unpack", StringComparison.Ordinal));
        Assert.Contains(runner.Commands, c => c.StartsWith("/usr/bin/umoci repack", StringComparison.Ordinal));
        Assert.Contains(runner.Commands, c => c.StartsWith("/usr/bin/umoci config", StringComparison.Ordinal)
            && c.Contains("--config.label org.ursa.disk.format=qcow2 --manifest.annotation org.ursa.disk.format=qcow2", StringComparison.Ordinal));
        Assert.EndsWith($"oci:{layout}:latest docker://127.0.0.1:5000/guest/busybox:latest", runner.Commands[^1], StringComparison.Ordinal);
        Assert.StartsWith($"/usr/bin/nsenter --net={_directory}/u1 ", runner.Commands[^1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task PushContainerDisk_UnchangedDisk_ReusesTheLayoutAndOnlyPushes()
    {
        string disk = WriteDisk("guest.qcow2");
        var runner = UmociCreatingLayouts();
        LocalImages images = NewImages(runner);
        await images.PushContainerDiskAsync(disk, "guest/busybox:latest", CancellationToken.None);
        runner.Commands.Clear();

        await images.PushContainerDiskAsync(disk, "guest/busybox:latest", CancellationToken.None);

        Assert.Single(runner.Commands);
        Assert.Contains("skopeo", runner.Commands[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task PushContainerDisk_RewrittenDisk_RebuildsTheLayout()
    {
        string disk = WriteDisk("guest.qcow2");
        var runner = UmociCreatingLayouts();
        LocalImages images = NewImages(runner);
        await images.PushContainerDiskAsync(disk, "guest/busybox:latest", CancellationToken.None);
        runner.Commands.Clear();
        File.WriteAllBytes(disk, new byte[2048]);

        await images.PushContainerDiskAsync(disk, "guest/busybox:latest", CancellationToken.None);

        Assert.Contains(runner.Commands, c => c.StartsWith("/usr/bin/umoci repack", StringComparison.Ordinal));
    }

    [Fact]
    public async Task PublishBusybox_ScriptPrintsImage_PushesThatImageAsTheGuestRepository()
    {
        string disk = WriteDisk("busybox-guest.qcow2");
        var runner = UmociCreatingLayouts(c => c.FileName == "/bin/bash" ? new CommandResult(c, 0, "progress\n" + disk + "\n", "") : null);
        var guests = new GuestImages(NewImages(runner), runner, "/repo", "/cache/guests", NullLogger<GuestImages>.Instance);

        string pushed = await guests.PublishBusyboxAsync(CancellationToken.None);

        Assert.Equal(disk, pushed);
        Assert.Equal("/bin/bash /repo/scripts/guests/build-busybox-guest.sh /cache/guests", runner.Commands[0]);
        Assert.EndsWith("docker://127.0.0.1:5000/guest/busybox:latest", runner.Commands[^1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task PublishBusybox_ScriptFails_ThrowsWithItsError()
    {
        var runner = new RecordingCommandRunner(c => new CommandResult(c, 1, "", "error: 'syslinux' is missing"));
        var guests = new GuestImages(NewImages(runner), runner, "/repo", "/cache/guests", NullLogger<GuestImages>.Instance);

        var error = await Assert.ThrowsAsync<CommandFailedException>(() => guests.PublishBusyboxAsync(CancellationToken.None));

        Assert.Contains("syslinux", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FindRoot_FromADirectoryBelowTheScripts_FindsTheirRoot()
    {
        Directory.CreateDirectory(Path.Combine(_directory, "scripts", "guests"));
        File.WriteAllText(Path.Combine(_directory, GuestImages.BusyboxScript), "");
        string below = Directory.CreateDirectory(Path.Combine(_directory, ".artifacts", "bin")).FullName;

        Assert.Equal(_directory, GuestImages.FindRoot(below));
        Assert.Null(GuestImages.FindRoot(Path.GetTempPath()));
    }

    private LocalImages NewImages(ICommandRunner runner)
    {
        var options = new ContainerdOptions { DataDirectory = Path.Combine(_directory, "data"), NetworkNamespace = "u1" };
        var network = new NetworkNamespace("u1", runner, options.Tools, _directory, logger: null);
        return new LocalImages(options, network, runner, NullLogger<LocalImages>.Instance);
    }

    private string WriteDisk(string name)
    {
        string path = Path.Combine(_directory, name);
        File.WriteAllBytes(path, new byte[1024]);
        return path;
    }

    // `umoci init --layout DIR` creates DIR; the fake does the same so the layout can be moved into the cache.
    private static RecordingCommandRunner UmociCreatingLayouts(Func<CommandLine, CommandResult?>? other = null) => new(c =>
    {
        if (c.Arguments is ["init", "--layout", var layout])
        {
            Directory.CreateDirectory(layout);
        }

        return other?.Invoke(c);
    });
}
