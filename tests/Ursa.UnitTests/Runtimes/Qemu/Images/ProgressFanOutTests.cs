using Ursa.Runtimes.Qemu.Images;

namespace Ursa.UnitTests.Runtimes.Qemu.Images;

public sealed class ProgressFanOutTests
{
    [Fact]
    public void Add_DuringAPull_GetsTheLatestReportAtOnce_ThenLiveOnes()
    {
        var fanOut = new ProgressFanOut();
        var first = new List<ImagePullProgress>();
        var joiner = new List<ImagePullProgress>();
        fanOut.Add(new Sink(first.Add));
        fanOut.Report(new ImagePullProgress("r", ImagePullPhase.Resolving, 0, null));
        fanOut.Report(new ImagePullProgress("r", ImagePullPhase.Downloading, 4 << 20, 16 << 20));

        fanOut.Add(new Sink(joiner.Add));
        fanOut.Report(new ImagePullProgress("r", ImagePullPhase.Downloading, 8 << 20, 16 << 20));

        Assert.Equal([4 << 20, 8 << 20], joiner.Select(r => r.BytesDone));
        Assert.Equal([0, 4 << 20, 8 << 20], first.Select(r => r.BytesDone));
    }

    [Fact]
    public void Add_BeforeAnyReport_ReplaysNothing()
    {
        var fanOut = new ProgressFanOut();
        var reports = new List<ImagePullProgress>();

        fanOut.Add(new Sink(reports.Add));

        Assert.Empty(reports);
    }

    private sealed class Sink(Action<ImagePullProgress> report) : IProgress<ImagePullProgress>
    {
        public void Report(ImagePullProgress value) => report(value);
    }
}
