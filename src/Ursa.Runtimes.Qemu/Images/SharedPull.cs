namespace Ursa.Runtimes.Qemu.Images;

/// <summary>
/// One pull in flight, shared by every caller that asked for the same reference meanwhile. Its cancellation is
/// its own: one caller giving up does not stop the download for the others; the last one leaving does.
/// Guarded by the store's lock.
/// </summary>
internal sealed class SharedPull
{
    private int _waiters;

    public CancellationTokenSource Cancellation { get; } = new();

    public ProgressFanOut Progress { get; } = new();

    public Task<DiskImage> Task { get; set; } = System.Threading.Tasks.Task.FromResult<DiskImage>(null!);

    /// <summary>Every caller left before it finished, so it was cancelled; a new caller starts afresh.</summary>
    public bool Abandoned { get; private set; }

    public void Join(IProgress<ImagePullProgress>? progress)
    {
        _waiters++;
        Progress.Add(progress);
    }

    /// <summary>Returns true when this was the last waiter of an unfinished pull (the caller then cancels it).</summary>
    public bool Leave(IProgress<ImagePullProgress>? progress)
    {
        Progress.Remove(progress);
        _waiters--;
        if (_waiters == 0 && !Task.IsCompleted)
        {
            Abandoned = true;
            return true;
        }

        return false;
    }
}
