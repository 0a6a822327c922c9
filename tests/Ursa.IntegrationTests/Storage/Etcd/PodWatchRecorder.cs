using System.Collections.Concurrent;
using Ursa.Api.Core;
using Ursa.Client.Rest;

namespace Ursa.IntegrationTests.Storage.Etcd;

/// <summary>
/// A client-side pod watch from a given resourceVersion that records every event, as a reflector would:
/// when the server ends the stream or the connection breaks, it watches again from the last resourceVersion
/// it saw. A 410 Gone (events missed) is recorded as a failure, never papered over with a relist.
/// </summary>
internal sealed class PodWatchRecorder : IAsyncDisposable
{
    private readonly IApiClient _client;
    private readonly string _namespace;
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentQueue<ObjectEvent<Pod>> _events = new();
    private readonly Task _loop;
    private string _resourceVersion;
    private int _rewatches;

    public PodWatchRecorder(IApiClient client, string ns, string resourceVersion)
    {
        _client = client;
        _namespace = ns;
        _resourceVersion = resourceVersion;
        _loop = Task.Run(() => RunAsync(_stop.Token));
    }

    /// <summary>Times the watch was opened again after the server ended it or the connection broke.</summary>
    public int Rewatches => Volatile.Read(ref _rewatches);

    /// <summary>Set when the watch could not resume without missing events (410 Gone).</summary>
    public string? Failure { get; private set; }

    public IReadOnlyList<ObjectEvent<Pod>> Events => [.. _events];

    /// <summary>Added events per pod name.</summary>
    public Dictionary<string, int> AddedCounts() => Events.Where(e => e.Kind == WatchEventKind.Added)
        .GroupBy(e => e.Object.Metadata.Name!).ToDictionary(g => g.Key, g => g.Count());

    /// <summary>Waits until every name in <paramref name="names"/> has been seen added.</summary>
    public async Task WaitForAddedAsync(IReadOnlyCollection<string> names, TimeSpan deadline, string what)
    {
        var until = DateTime.UtcNow + deadline;
        while (true)
        {
            Assert.True(Failure is null, $"watch failed: {Failure}");
            var seen = AddedCounts();
            var missing = names.Where(n => !seen.ContainsKey(n)).ToList();
            if (missing.Count == 0)
            {
                return;
            }

            Assert.True(DateTime.UtcNow < until, $"timed out after {deadline.TotalSeconds:0} s waiting for the watch to show {what}: {missing.Count} missing, e.g. {string.Join(", ", missing.Take(5))} (rewatches {Rewatches})");
            await Task.Delay(50);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        _stop.Dispose();
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                var options = new ListOptions { Namespace = _namespace, ResourceVersion = _resourceVersion };
                await foreach (ObjectEvent<Pod> change in _client.WatchAsync<Pod>(ResourceRef.Pods, options, cancellationToken))
                {
                    _events.Enqueue(change);
                    _resourceVersion = change.ResourceVersion;
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (ApiStatusException error) when (error.IsGone)
            {
                Failure = $"410 Gone resuming from resourceVersion {_resourceVersion}: {error.Message}";
                return;
            }
            catch (Exception error) when (error is HttpRequestException or IOException or ApiStatusException)
            {
                // Server down or unavailable: watch again from where we were.
            }

            Interlocked.Increment(ref _rewatches);
            try
            {
                await Task.Delay(100, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
