using Ursa.Runtimes.Qemu.Images;

namespace Ursa.UnitTests.Runtimes.Qemu.Images;

public sealed class ContainerDiskEntryTests
{
    [Theory]
    [InlineData("disk/disk.qcow2", true)]
    [InlineData("./disk/disk.img", true)]
    [InlineData("/disk/x", true)]
    [InlineData("disk/", false)]
    [InlineData("disk", false)]
    [InlineData("disk/sub/x.qcow2", false)]
    [InlineData("disks/x", false)]
    [InlineData("etc/disk/x", false)]
    public void IsDiskEntry_KubeVirtLayout(string name, bool expected) =>
        Assert.Equal(expected, ContainerDiskExtractor.IsDiskEntry(name));

    [Fact]
    public void ProgressMeter_ReportsOnIntervalCrossingsOnly()
    {
        var reports = new List<ImagePullProgress>();
        var meter = new ProgressMeter("r", 100, new SyncProgress(reports.Add)) { Total = 350 };

        meter.Advance(60);
        meter.Advance(60);
        meter.Advance(30);
        meter.Advance(200);

        Assert.Equal([120L, 350L], reports.Select(r => r.BytesDone));
        Assert.All(reports, r => Assert.Equal(350, r.BytesTotal));
    }

    private sealed class SyncProgress(Action<ImagePullProgress> report) : IProgress<ImagePullProgress>
    {
        public void Report(ImagePullProgress value) => report(value);
    }
}
