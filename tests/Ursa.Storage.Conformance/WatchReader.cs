namespace Ursa.Storage.Conformance;

/// <summary>
/// Reads a store's watch with a deadline on every wait, so a missing event fails the test with a message that
/// names what was awaited instead of hanging it.
/// </summary>
public sealed class WatchReader : IAsyncDisposable
{
    private readonly CancellationTokenSource _cancellation = new();
    private readonly IAsyncEnumerator<WatchEvent> _events;
    private readonly TimeSpan _timeout;
    private Task<bool>? _pending;

    private WatchReader(IStore store, string prefix, long afterRevision, TimeSpan timeout)
    {
        _timeout = timeout;
        _events = store.WatchAsync(prefix, afterRevision, _cancellation.Token).GetAsyncEnumerator(_cancellation.Token);
    }

    /// <summary>Starts a watch of <paramref name="prefix"/> after <paramref name="afterRevision"/>.</summary>
    public static WatchReader Start(IStore store, string prefix, long afterRevision, TimeSpan timeout) =>
        new(store, prefix, afterRevision, timeout);

    /// <summary>
    /// The next change event (Progress notifications, which report no change, are skipped); fails the test if none
    /// arrives within the timeout or the watch ends.
    /// </summary>
    public async Task<WatchEvent> NextAsync(string awaited)
    {
        while (true)
        {
            var next = await NextOrProgressAsync(awaited);
            if (next.Type != WatchEventType.Progress)
            {
                return next;
            }
        }
    }

    /// <summary>The next event, Progress notifications included.</summary>
    public async Task<WatchEvent> NextOrProgressAsync(string awaited)
    {
        _pending ??= _events.MoveNextAsync().AsTask();
        bool moved;
        try
        {
            moved = await _pending.WaitAsync(_timeout);
        }
        catch (TimeoutException)
        {
            Assert.Fail($"timed out after {_timeout.TotalSeconds:F0} s waiting for {awaited}");
            throw;
        }

        _pending = null;
        if (!moved)
        {
            Assert.Fail($"the watch ended while waiting for {awaited}");
        }

        return _events.Current;
    }

    /// <summary>The next <paramref name="count"/> events.</summary>
    public async Task<List<WatchEvent>> TakeAsync(int count, string awaited)
    {
        var events = new List<WatchEvent>(count);
        for (int i = 0; i < count; i++)
        {
            events.Add(await NextAsync($"{awaited} (event {i + 1} of {count})"));
        }

        return events;
    }

    /// <summary>Starts a wait for the next event without awaiting it (to observe how a pending wait ends).</summary>
    public Task<bool> MoveNextPending() => _pending ??= _events.MoveNextAsync().AsTask();

    /// <summary>Cancels the watch's token.</summary>
    public Task CancelAsync() => _cancellation.CancelAsync();

    public async ValueTask DisposeAsync()
    {
        await _cancellation.CancelAsync();
        if (_pending is not null)
        {
            // An iterator cannot be disposed while a MoveNext is running; let the cancelled one finish.
            try
            {
                await _pending.WaitAsync(_timeout);
            }
            catch (Exception)
            {
                // Cancellation, or the error a test already asserted on.
            }
        }

        try
        {
            await _events.DisposeAsync();
        }
        catch (NotSupportedException)
        {
            // Still running (the wait above timed out); the test has already failed on that.
        }

        _cancellation.Dispose();
    }
}
