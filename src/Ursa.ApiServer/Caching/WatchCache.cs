using Microsoft.Extensions.Logging;
using Ursa.ApiServer.Errors;
using Ursa.ApiServer.Resources;
using Ursa.Storage;

namespace Ursa.ApiServer.Caching;

/// <summary>
/// The in-memory copy of one resource that serves lists and watches (Kubernetes' cacher): one list and one
/// watch against the store per resource, however many clients list and watch.
/// <code>
///   store ──watch──▶ WatchCache ──▶ objects (by key)   ◀── list
///                               └─▶ recent events ring  ◀── watch from a resourceVersion
///                               └─▶ watchers (filtered)  ──▶ clients
/// </code>
/// </summary>
public sealed partial class WatchCache : IAsyncDisposable
{
    /// <summary>Events a watcher may lag behind before it is ended.</summary>
    public const int WatcherQueueLimit = 64 * 1024;

    private readonly ResourceDefinition _resource;
    private readonly IStore _store;
    private readonly ILogger _logger;
    private readonly ObjectAttributes _attributes;
    private readonly SortedDictionary<string, CachedObject> _objects = new(StringComparer.Ordinal);
    private readonly CacheEvent?[] _ring;
    private readonly List<CacheWatcher> _watchers = [];
    private readonly Lock _lock = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TaskCompletionSource _advanced = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private CacheWatcher[] _watcherSnapshot = [];
    private long _ringCount;
    private long _revision;
    private long _oldestRevision;
    private Task? _loop;

    public WatchCache(ResourceDefinition resource, IStore store, ILogger logger, int historyCapacity = 100_000)
    {
        _resource = resource;
        _store = store;
        _logger = logger;
        _attributes = new ObjectAttributes(resource);
        _ring = new CacheEvent?[historyCapacity];
    }

    public ResourceDefinition Resource => _resource;

    public IStore Store => _store;

    /// <summary>Turns stored entries into cached objects (also used for lists served from the store).</summary>
    public ObjectAttributes Attributes => _attributes;

    /// <summary>The revision the cache reflects: every change up to it has been applied.</summary>
    public long Revision => Volatile.Read(ref _revision);

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _objects.Count;
            }
        }
    }

    public Task Ready => _ready.Task;

    public void Start() => _loop ??= Task.Run(() => RunAsync(_stop.Token));

    /// <summary>Waits until the cache has applied everything up to <paramref name="revision"/>.</summary>
    public async Task<bool> WaitForRevisionAsync(long revision, TimeSpan timeout, CancellationToken cancellationToken)
    {
        await _ready.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        while (Revision < revision)
        {
            Task advanced;
            lock (_lock)
            {
                advanced = _advanced.Task;
            }

            if (Revision >= revision)
            {
                break;
            }

            try
            {
                await advanced.WaitAsync(deadline.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>A consistent snapshot of matching objects in key order, and the revision it reflects.</summary>
    public (List<CachedObject> Items, long Revision) List(ObjectFilter filter, string prefix)
    {
        lock (_lock)
        {
            var items = new List<CachedObject>();
            foreach (var (key, value) in _objects)
            {
                if (key.StartsWith(prefix, StringComparison.Ordinal) && filter.Matches(value))
                {
                    items.Add(value);
                }
            }

            return (items, _revision);
        }
    }

    public CachedObject? Get(string key)
    {
        lock (_lock)
        {
            return _objects.GetValueOrDefault(key);
        }
    }

    /// <summary>
    /// Starts a watch. With <paramref name="fromRevision"/> null the watcher first gets every matching object as
    /// ADDED; otherwise it gets the buffered events after that revision.
    /// </summary>
    /// <exception cref="ApiException">410 Expired when the revision is older than the buffered history.</exception>
    public CacheWatcher Watch(ObjectFilter filter, long? fromRevision)
    {
        var watcher = new CacheWatcher(filter, WatcherQueueLimit, Remove);
        lock (_lock)
        {
            if (fromRevision is null)
            {
                foreach (var value in _objects.Values)
                {
                    if (filter.Matches(value))
                    {
                        watcher.Enqueue(CacheEventType.Added, value);
                    }
                }
            }
            else if (fromRevision < _oldestRevision)
            {
                throw ApiErrors.Gone($"too old resource version: {fromRevision} ({_oldestRevision})");
            }
            else
            {
                foreach (var e in BufferedAfter(fromRevision.Value))
                {
                    watcher.Offer(e);
                }
            }

            _watchers.Add(watcher);
            _watcherSnapshot = [.. _watchers];
        }

        return watcher;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        if (_loop is not null)
        {
            await _loop.ConfigureAwait(false);
        }

        lock (_lock)
        {
            foreach (var watcher in _watchers)
            {
                watcher.Complete();
            }
        }

        _stop.Dispose();
    }

    private void Remove(CacheWatcher watcher)
    {
        lock (_lock)
        {
            if (_watchers.Remove(watcher))
            {
                _watcherSnapshot = [.. _watchers];
            }
        }
    }

    private IEnumerable<CacheEvent> BufferedAfter(long revision)
    {
        var capacity = _ring.Length;
        var start = Math.Max(0, _ringCount - capacity);
        for (var i = start; i < _ringCount; i++)
        {
            var e = _ring[i % capacity]!;
            if (e.Revision > revision)
            {
                yield return e;
            }
        }
    }
}
