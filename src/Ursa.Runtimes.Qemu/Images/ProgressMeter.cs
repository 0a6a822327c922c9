namespace Ursa.Runtimes.Qemu.Images;

/// <summary>Counts a pull's bytes and reports each time the count crosses a multiple of <c>interval</c>, so a
/// 10 GiB image does not produce a report per 80 KiB read.</summary>
internal sealed class ProgressMeter(string reference, long interval, IProgress<ImagePullProgress>? sink)
{
    public long Done { get; private set; }

    public long? Total { get; set; }

    public void Report(ImagePullPhase phase) => sink?.Report(new ImagePullProgress(reference, phase, Done, Total));

    public void Advance(long bytes)
    {
        long before = Done;
        Done += bytes;
        if (Done / interval != before / interval)
        {
            Report(ImagePullPhase.Downloading);
        }
    }
}
