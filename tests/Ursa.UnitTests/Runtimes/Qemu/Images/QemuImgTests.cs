using Ursa.Runtimes.Qemu;
using Ursa.Runtimes.Qemu.Images;

namespace Ursa.UnitTests.Runtimes.Qemu.Images;

public sealed class QemuImgTests
{
    private static readonly QemuImg Tool = new("/usr/bin/qemu-img", new RecordingQemuRunner());

    [Theory]
    [InlineData("""{"virtual-size": 67108864, "filename": "d", "format": "qcow2", "format-specific": {"type": "qcow2", "data": {"compat": "1.1"}}}""", DiskFormat.Qcow2, 67108864L)]
    [InlineData("""{"virtual-size": 1048576, "filename": "d", "format": "raw", "actual-size": 4096}""", DiskFormat.Raw, 1048576L)]
    public void Parse_SelfContained_Accepted(string json, DiskFormat format, long size)
    {
        QemuImgInfo info = QemuImgInfo.Parse(json);

        Assert.Equal(format, info.ToStoreFormat());
        Assert.Equal(size, info.VirtualSizeBytes);
    }

    [Theory]
    [InlineData("""{"virtual-size": 1, "format": "qcow2", "backing-filename": "/etc/shadow"}""", "external file")]
    [InlineData("""{"virtual-size": 1, "format": "qcow2", "format-specific": {"type": "qcow2", "data": {"data-file": "/dev/sda"}}}""", "external file")]
    [InlineData("""{"virtual-size": 1, "format": "vmdk"}""", "not supported")]
    public void ToStoreFormat_Refused_Throws(string json, string reason)
    {
        InvalidDataException error = Assert.Throws<InvalidDataException>(() => QemuImgInfo.Parse(json).ToStoreFormat());

        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("{}")]
    [InlineData("""{"format": "raw"}""")]
    public void Parse_NotQemuImgJson_Throws(string json) =>
        Assert.Throws<FormatException>(() => QemuImgInfo.Parse(json));

    [Fact]
    public void CreateOverlayCommand_ExplicitBaseFormatAndSize()
    {
        Assert.Equal("/usr/bin/qemu-img create -q -f qcow2 -F raw -b /s/blobs/sha256/ab /vm/disk.qcow2 1073741824",
            Tool.CreateOverlayCommand("/s/blobs/sha256/ab", DiskFormat.Raw, "/vm/disk.qcow2", 1 << 30).ToString());
        Assert.Equal("/usr/bin/qemu-img create -q -f qcow2 -F qcow2 -b /b /o",
            Tool.CreateOverlayCommand("/b", DiskFormat.Qcow2, "/o", null).ToString());
    }

    [Fact]
    public void InfoCommand_JsonWithForceShare() =>
        Assert.Equal("/usr/bin/qemu-img info --output=json --force-share /x", Tool.InfoCommand("/x").ToString());

    private sealed class RecordingQemuRunner : ICommandRunner
    {
        public Task<CommandResult> RunAsync(CommandLine command, CancellationToken cancellationToken) =>
            Task.FromResult(new CommandResult(command, 0, "", ""));
    }
}
