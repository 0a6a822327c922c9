namespace Ursa.Runtimes.Qemu.Images;

/// <summary>One pull's progress, forwarded to every caller waiting on it (concurrent pulls share a download). A
/// caller that joins a pull under way gets its latest report at once, not only at the next interval crossed
/// (which on a slow server may be minutes away); it may see that report again, or just after a newer one.</summary>
internal sealed class ProgressFanOut : IProgress<ImagePullProgress>
{
    private readonly Lock _lock = new();
    private IProgress<ImagePullProgress>[] _sinks = [];
    private ImagePullProgress? _last;

    public void Add(IProgress<ImagePullProgress>? sink)
    {
        if (sink is not null)
        {
            ImagePullProgress? last;
            lock (_lock)
            {
                _sinks = [.. _sinks, sink];
                last = _last;
            }

            if (last is { } report)
            {
                sink.Report(report);
            }
        }
    }

    public void Remove(IProgress<ImagePullProgress>? sink)
    {
        if (sink is not null)
        {
            lock (_lock)
            {
                _sinks = [.. _sinks.Where(s => !ReferenceEquals(s, sink))];
            }
        }
    }

    public void Report(ImagePullProgress value)
    {
        lock (_lock)
        {
            _last = value;
        }

        foreach (IProgress<ImagePullProgress> sink in Volatile.Read(ref _sinks))
        {
            sink.Report(value);
        }
    }
}
