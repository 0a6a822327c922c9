using Ursa.NodeAgent.VirtualMachines;

namespace Ursa.UnitTests.NodeAgent.VirtualMachines;

public sealed class DiskImagePullEventsTests
{
    private const string Image = "http://127.0.0.1/disk.qcow2";
    private const long MiB = 1 << 20;
    private static readonly DateTimeOffset Start = new(2026, 11, 21, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(0, "0 B")]
    [InlineData(1023, "1023 B")]
    [InlineData(1024, "1 KiB")]
    [InlineData(1536, "1.5 KiB")]
    [InlineData(64 * 1024, "64 KiB")]
    [InlineData(120 * MiB, "120 MiB")]
    [InlineData(MiB * 1023 + MiB * 9 / 10, "1023 MiB")]
    [InlineData(5L * 1024 * MiB / 2, "2.5 GiB")]
    [InlineData(1024L * 1024 * MiB, "1 TiB")]
    public void Size_ReadsLikeKubectl(long bytes, string expected) => Assert.Equal(expected, DiskImagePullEvents.Size(bytes));

    [Fact]
    public void Messages_NameImagePercentSizesAndDuration()
    {
        Assert.Equal($"Pulling image \"{Image}\": 46% (120 MiB of 260 MiB)", DiskImagePullEvents.Progress(Image, 120 * MiB, 260 * MiB));
        Assert.Equal($"Pulling image \"{Image}\": 99% (259 MiB of 260 MiB)", DiskImagePullEvents.Progress(Image, 260 * MiB - 1, 260 * MiB));
        Assert.Equal($"Pulling image \"{Image}\": 7.5 MiB", DiskImagePullEvents.Progress(Image, 15 * MiB / 2, 0));
        Assert.Equal($"Successfully pulled image \"{Image}\" in 3.2s (260 MiB)", DiskImagePullEvents.Pulled(Image, TimeSpan.FromMilliseconds(3210), 260 * MiB));
    }

    [Fact]
    public void OnProgress_KnownSize_OneEventPerTenPercentStep_NoneAtHundred()
    {
        var events = new DiskImagePullEvents(Image, Start);

        // A report per 1 %, 0.2 s apart: a step every 2 s, so neither the gap nor the heartbeat decides.
        var emitted = Enumerable.Range(1, 100)
            .Select(percent => events.OnProgress(percent * MiB, 100 * MiB, Start + TimeSpan.FromSeconds(0.2 * percent)))
            .OfType<string>()
            .ToList();

        Assert.Equal([.. Enumerable.Range(1, 9).Select(step => $"Pulling image \"{Image}\": {step * 10}% ({step * 10} MiB of 100 MiB)")], emitted);
    }

    [Fact]
    public void OnProgress_FastPull_NothingBetweenPullingAndPulled()
    {
        var events = new DiskImagePullEvents(Image, Start);

        var emitted = Enumerable.Range(1, 99)
            .Select(percent => events.OnProgress(percent * MiB, 100 * MiB, Start + TimeSpan.FromMilliseconds(9 * percent)))
            .OfType<string>();

        Assert.Empty(emitted);
    }

    [Fact]
    public void OnProgress_StepTooSoon_WaitsForTheGap_ThenHeartbeatWithinAStep()
    {
        var events = new DiskImagePullEvents(Image, Start);

        Assert.Null(events.OnProgress(10 * MiB, 100 * MiB, Start + TimeSpan.FromSeconds(0.5)));
        Assert.Equal($"Pulling image \"{Image}\": 11% (11 MiB of 100 MiB)", events.OnProgress(11 * MiB, 100 * MiB, Start + TimeSpan.FromSeconds(1.1)));
        Assert.Null(events.OnProgress(12 * MiB, 100 * MiB, Start + TimeSpan.FromSeconds(2)));
        Assert.Null(events.OnProgress(13 * MiB, 100 * MiB, Start + TimeSpan.FromSeconds(6)));
        Assert.Equal($"Pulling image \"{Image}\": 14% (14 MiB of 100 MiB)", events.OnProgress(14 * MiB, 100 * MiB, Start + TimeSpan.FromSeconds(6.1)));
    }

    [Fact]
    public void OnProgress_UnknownSize_HeartbeatOnlyWhileBytesArrive()
    {
        var events = new DiskImagePullEvents(Image, Start);

        var emitted = Enumerable.Range(1, 10)
            .Select(second => events.OnProgress(second * MiB, 0, Start + TimeSpan.FromSeconds(second)))
            .OfType<string>()
            .ToList();
        var stalled = events.OnProgress(10 * MiB, 0, Start + TimeSpan.FromSeconds(30));

        Assert.Equal([$"Pulling image \"{Image}\": 5 MiB", $"Pulling image \"{Image}\": 10 MiB"], emitted);
        Assert.Null(stalled);
    }
}
