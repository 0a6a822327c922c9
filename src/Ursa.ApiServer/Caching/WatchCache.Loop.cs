using Microsoft.Extensions.Logging;
using Ursa.ApiServer.Storage;
using Ursa.Storage;

namespace Ursa.ApiServer.Caching;

public sealed partial class WatchCache
{
    private async Task RunAsync(CancellationToken cancellationToken)
    {
        var backoff = TimeSpan.FromMilliseconds(100);
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                if (!_ready.Task.IsCompleted || _revision == 0)
                {
                    await ReloadAsync(cancellationToken).ConfigureAwait(false);
                }

                await foreach (var e in _store.WatchAsync(_resource.KeyPrefix, _revision, cancellationToken).ConfigureAwait(false))
                {
                    Apply(e);
                    backoff = TimeSpan.FromMilliseconds(100);
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (RevisionCompactedException e)
            {
                // Missed history: relist, as a Kubernetes reflector does after a 410.
                Log.Relisting(_logger, _resource.Plural, e.Requested, e.Compacted);
                _revision = 0;
            }
            catch (WatchProgressOvertakenException e)
            {
                // The store reported progress past an event it had not delivered yet: relist rather than keep a gap.
                Log.ProgressOvertaken(_logger, _resource.Plural, e.EventRevision, e.ProgressRevision);
                _revision = 0;
            }
            catch (Exception e) when (e is StoreException or IOException or InvalidOperationException)
            {
                Log.WatchFailed(_logger, _resource.Plural, e);
                await Task.Delay(backoff, cancellationToken).ConfigureAwait(false);
                backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, TimeSpan.FromSeconds(5).Ticks));
            }
        }
    }

    private async Task ReloadAsync(CancellationToken cancellationToken)
    {
        var objects = new SortedDictionary<string, CachedObject>(StringComparer.Ordinal);
        var options = new StoreListOptions { Limit = 10_000 };
        long revision = 0;
        while (true)
        {
            var page = await _store.ListAsync(_resource.KeyPrefix, options, cancellationToken).ConfigureAwait(false);
            revision = page.Revision;
            foreach (var entry in page.Entries)
            {
                objects[entry.Key] = _attributes.ToCached(entry.Key, ResourceVersionStamp.Apply(entry.Value.Span, entry.ModRevision), entry.ModRevision);
            }

            if (!page.HasMore || page.Entries.Count == 0)
            {
                break;
            }

            options = options with { StartAfterKey = page.Entries[^1].Key, AtRevision = revision };
        }

        lock (_lock)
        {
            _objects.Clear();
            foreach (var (key, value) in objects)
            {
                _objects[key] = value;
            }

            _revision = revision;
            _oldestRevision = revision;
            Array.Clear(_ring);
            _ringCount = 0;

            // Clients watching across a relist cannot be given a gap-free stream: end them so they re-watch.
            foreach (var watcher in _watchers)
            {
                watcher.Complete();
            }

            _watchers.Clear();
            _watcherSnapshot = [];
            SignalAdvanced();
        }

        _ready.TrySetResult();
        Log.Loaded(_logger, _resource.Plural, objects.Count, revision);
    }

    private void Apply(WatchEvent e)
    {
        CacheEvent? change = null;
        CacheWatcher[] watchers;
        // Parsed before taking the lock, which every list, get (each update's first guess) and new watch waits on;
        // this loop is the cache's only writer, so nothing else can apply a revision in between.
        var current = e.Type == WatchEventType.Progress || e.Revision <= Volatile.Read(ref _revision)
            ? null
            : _attributes.ToCached(e.Entry.Key, ResourceVersionStamp.Apply(e.Entry.Value.Span, e.Revision), e.Revision);
        lock (_lock)
        {
            if (e.Revision <= _revision)
            {
                return;
            }

            if (current is not null)
            {
                var key = current.Key;
                _objects.TryGetValue(key, out var previous);
                if (e.Type == WatchEventType.Deleted)
                {
                    _objects.Remove(key);
                    change = new CacheEvent(CacheEventType.Deleted, current, previous);
                }
                else
                {
                    _objects[key] = current;
                    change = new CacheEvent(previous is null ? CacheEventType.Added : CacheEventType.Modified, current, previous);
                }

                var slot = _ringCount % _ring.Length;
                if (_ring[slot] is { } evicted)
                {
                    _oldestRevision = evicted.Revision;
                }

                _ring[slot] = change;
                _ringCount++;
            }

            _revision = e.Revision;
            watchers = _watcherSnapshot;
            SignalAdvanced();
        }

        if (change is not null)
        {
            foreach (var watcher in watchers)
            {
                watcher.Offer(change);
            }
        }
    }

    private void SignalAdvanced()
    {
        var advanced = _advanced;
        _advanced = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        advanced.TrySetResult();
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "Watch cache {Resource} loaded {Count} objects at revision {Revision}")]
        public static partial void Loaded(ILogger logger, string resource, int count, long revision);

        [LoggerMessage(2, LogLevel.Warning, "Watch cache {Resource} lost history ({Requested} < {Compacted}); relisting")]
        public static partial void Relisting(ILogger logger, string resource, long requested, long compacted);

        [LoggerMessage(3, LogLevel.Warning, "Watch cache {Resource} watch failed; retrying")]
        public static partial void WatchFailed(ILogger logger, string resource, Exception exception);

        [LoggerMessage(4, LogLevel.Error, "Watch cache {Resource}: the store reported progress to {Progress} before the event at {Revision}; relisting")]
        public static partial void ProgressOvertaken(ILogger logger, string resource, long revision, long progress);
    }
}
