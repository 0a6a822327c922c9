using Microsoft.Extensions.Logging;
using Ursa.Api.Meta;
using Ursa.Client.Rest;

namespace Ursa.Client.Informers;

/// <summary>
/// Keeps a local copy of one resource in sync with the API server (client-go's reflector + store): list, then
/// watch from the list's resourceVersion; relist after a 410 or an error; resume from the last seen
/// resourceVersion (bookmarks keep it fresh) when a stream ends. Handlers see every transition in order.
/// </summary>
public sealed partial class Informer<T>
    where T : KubeObject
{
    private readonly IApiClient _client;
    private readonly ResourceRef _resource;
    private readonly ListOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly List<IInformerHandler<T>> _handlers = [];
    private readonly Dictionary<string, T> _items = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();
    private readonly TaskCompletionSource _synced = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Informer(IApiClient client, ResourceRef resource, ListOptions options, TimeProvider time, ILogger logger)
    {
        _client = client;
        _resource = resource;
        _options = options;
        _time = time;
        _logger = logger;
    }

    /// <summary>Completes once the first list is in the cache.</summary>
    public Task Synced => _synced.Task;

    public void AddHandler(IInformerHandler<T> handler) => _handlers.Add(handler);

    public T? Get(string key)
    {
        lock (_lock)
        {
            return _items.GetValueOrDefault(key);
        }
    }

    public List<T> List()
    {
        lock (_lock)
        {
            return [.. _items.Values];
        }
    }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var backoff = TimeSpan.FromMilliseconds(100);
        string? resourceVersion = null;
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                resourceVersion ??= await RelistAsync(cancellationToken).ConfigureAwait(false);
                await foreach (var e in _client.WatchAsync<T>(_resource, _options with { ResourceVersion = resourceVersion }, cancellationToken).ConfigureAwait(false))
                {
                    resourceVersion = e.ResourceVersion.Length > 0 ? e.ResourceVersion : resourceVersion;
                    Apply(e);
                    backoff = TimeSpan.FromMilliseconds(100);
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (ApiStatusException e) when (e.IsGone)
            {
                Log.Relisting(_logger, _resource.Plural, e.Message);
                resourceVersion = null;
            }
            catch (Exception e) when (e is HttpRequestException or IOException or ApiStatusException or InvalidDataException or System.Text.Json.JsonException)
            {
                Log.WatchFailed(_logger, _resource.Plural, e.Message);
                await Task.Delay(backoff, _time, cancellationToken).ConfigureAwait(false);
                backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, TimeSpan.FromSeconds(10).Ticks));
            }
        }
    }

    private async Task<string> RelistAsync(CancellationToken cancellationToken)
    {
        var list = await _client.ListAsync<T>(_resource, _options, cancellationToken).ConfigureAwait(false);
        var fresh = list.Items.ToDictionary(ObjectKeys.Of, StringComparer.Ordinal);
        List<T> deleted;
        List<(T? Old, T New)> changed = [];
        lock (_lock)
        {
            deleted = _items.Where(kv => !fresh.ContainsKey(kv.Key)).Select(kv => kv.Value).ToList();
            foreach (var (key, value) in fresh)
            {
                _items.TryGetValue(key, out var old);
                if (old is null || old.Metadata.ResourceVersion != value.Metadata.ResourceVersion)
                {
                    changed.Add((old, value));
                }
            }

            _items.Clear();
            foreach (var (key, value) in fresh)
            {
                _items[key] = value;
            }
        }

        foreach (var obj in deleted)
        {
            Notify(h => h.OnDelete(obj));
        }

        foreach (var (old, value) in changed)
        {
            Notify(h =>
            {
                if (old is null)
                {
                    h.OnAdd(value);
                }
                else
                {
                    h.OnUpdate(old, value);
                }
            });
        }

        _synced.TrySetResult();
        return list.ResourceVersion;
    }

    private void Apply(ObjectEvent<T> e)
    {
        if (e.Kind == WatchEventKind.Bookmark)
        {
            return;
        }

        var key = ObjectKeys.Of(e.Object);
        T? old;
        lock (_lock)
        {
            _items.TryGetValue(key, out old);
            if (e.Kind == WatchEventKind.Deleted)
            {
                _items.Remove(key);
            }
            else
            {
                _items[key] = e.Object;
            }
        }

        switch (e.Kind)
        {
            case WatchEventKind.Deleted:
                Notify(h => h.OnDelete(e.Object));
                break;
            case var _ when old is null:
                Notify(h => h.OnAdd(e.Object));
                break;
            default:
                Notify(h => h.OnUpdate(old!, e.Object));
                break;
        }
    }

    private void Notify(Action<IInformerHandler<T>> action)
    {
        foreach (var handler in _handlers)
        {
            action(handler);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(100, LogLevel.Information, "Informer {Resource}: history expired ({Reason}); relisting")]
        public static partial void Relisting(ILogger logger, string resource, string reason);

        [LoggerMessage(101, LogLevel.Warning, "Informer {Resource}: watch failed ({Reason}); retrying")]
        public static partial void WatchFailed(ILogger logger, string resource, string reason);
    }
}
