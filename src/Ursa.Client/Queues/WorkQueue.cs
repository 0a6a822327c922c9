namespace Ursa.Client.Queues;

/// <summary>
/// A rate-limited work queue with client-go's semantics, the spine of every level-triggered controller:
/// <list type="bullet">
/// <item>an item is queued at most once however often it is added (dirty set);</item>
/// <item>an item being processed is never handed to a second worker; adds meanwhile re-queue it on <see cref="Done"/>;</item>
/// <item><see cref="AddRateLimited"/> re-queues after a per-item exponential back-off that <see cref="Forget"/> resets.</item>
/// </list>
/// Thread-safe. Delays use the injected <see cref="TimeProvider"/>, so tests control time.
/// </summary>
public sealed class WorkQueue<T> : IDisposable
    where T : notnull
{
    private readonly Lock _lock = new();
    private readonly Queue<T> _queue = new();
    private readonly HashSet<T> _dirty = [];
    private readonly HashSet<T> _processing = [];
    private readonly Dictionary<T, int> _failures = [];
    private readonly List<ITimer> _timers = [];
    private readonly SemaphoreSlim _available = new(0);
    private readonly TimeProvider _time;
    private readonly TimeSpan _baseDelay;
    private readonly TimeSpan _maxDelay;
    private bool _shutDown;

    /// <param name="time">Clock for delayed adds.</param>
    /// <param name="baseDelay">First back-off (default 5 ms, as client-go).</param>
    /// <param name="maxDelay">Back-off cap (default 5 min; client-go's 1000 s is longer than any useful retry here).</param>
    public WorkQueue(TimeProvider time, TimeSpan? baseDelay = null, TimeSpan? maxDelay = null)
    {
        _time = time;
        _baseDelay = baseDelay ?? TimeSpan.FromMilliseconds(5);
        _maxDelay = maxDelay ?? TimeSpan.FromMinutes(5);
    }

    /// <summary>Items waiting to be processed (not counting those in progress).</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _queue.Count;
            }
        }
    }

    public void Add(T item)
    {
        lock (_lock)
        {
            if (_shutDown || !_dirty.Add(item) || _processing.Contains(item))
            {
                return;
            }

            _queue.Enqueue(item);
        }

        _available.Release();
    }

    /// <summary>Adds the item after a delay (no-op after shutdown).</summary>
    public void AddAfter(T item, TimeSpan delay)
    {
        if (delay <= TimeSpan.Zero)
        {
            Add(item);
            return;
        }

        lock (_lock)
        {
            if (_shutDown)
            {
                return;
            }

            ITimer? timer = null;
            timer = _time.CreateTimer(
                _ =>
                {
                    lock (_lock)
                    {
                        _timers.Remove(timer!);
                    }

                    timer!.Dispose();
                    Add(item);
                },
                null,
                delay,
                Timeout.InfiniteTimeSpan);
            _timers.Add(timer);
        }
    }

    /// <summary>Re-queues the item after its next back-off: base × 2^failures, capped.</summary>
    public void AddRateLimited(T item)
    {
        TimeSpan delay;
        lock (_lock)
        {
            var failures = _failures.GetValueOrDefault(item);
            _failures[item] = failures + 1;
            var ticks = _baseDelay.Ticks * Math.Pow(2, Math.Min(failures, 30));
            delay = TimeSpan.FromTicks((long)Math.Min(ticks, _maxDelay.Ticks));
        }

        AddAfter(item, delay);
    }

    /// <summary>Clears the item's failure count after a success.</summary>
    public void Forget(T item)
    {
        lock (_lock)
        {
            _failures.Remove(item);
        }
    }

    public int Failures(T item)
    {
        lock (_lock)
        {
            return _failures.GetValueOrDefault(item);
        }
    }

    /// <summary>Waits for the next item; null once the queue is shut down and drained.</summary>
    public async Task<T?> TakeAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            await _available.WaitAsync(cancellationToken).ConfigureAwait(false);
            lock (_lock)
            {
                if (_queue.TryDequeue(out var item))
                {
                    _dirty.Remove(item);
                    _processing.Add(item);
                    return item;
                }

                if (_shutDown)
                {
                    _available.Release();
                    return default;
                }
            }
        }
    }

    /// <summary>Marks processing finished; an item added meanwhile is queued again.</summary>
    public void Done(T item)
    {
        var requeue = false;
        lock (_lock)
        {
            _processing.Remove(item);
            if (_dirty.Contains(item) && !_shutDown)
            {
                _queue.Enqueue(item);
                requeue = true;
            }
        }

        if (requeue)
        {
            _available.Release();
        }
    }

    public void ShutDown()
    {
        lock (_lock)
        {
            _shutDown = true;
            foreach (var timer in _timers)
            {
                timer.Dispose();
            }

            _timers.Clear();
        }

        _available.Release();
    }

    public void Dispose()
    {
        ShutDown();
        _available.Dispose();
    }
}
