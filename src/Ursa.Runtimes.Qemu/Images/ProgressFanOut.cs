namespace Ursa.Runtimes.Qemu.Images;

/// <summary>One pull's progress, forwarded to every caller waiting on it (concurrent pulls share a download).</summary>
internal sealed class ProgressFanOut : IProgress<ImagePullProgress>
{
    private readonly Lock _lock = new();
    private IProgress<ImagePullProgress>[] _sinks = [];

    public void Add(IProgress<ImagePullProgress>? sink)
    {
        if (sink is not null)
        {
            lock (_lock)
            {
                _sinks = [.. _sinks, sink];
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
        foreach (IProgress<ImagePullProgress> sink in Volatile.Read(ref _sinks))
        {
            sink.Report(value);
        }
    }
}
