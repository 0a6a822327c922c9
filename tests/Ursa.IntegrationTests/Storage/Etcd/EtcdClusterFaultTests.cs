using System.Collections.Concurrent;
using System.Text;
using Ursa.Storage.Conformance;
using Ursa.Storage.Etcd;
using Xunit.Abstractions;

namespace Ursa.IntegrationTests.Storage.Etcd;

/// <summary><see cref="EtcdStore"/> on a real 3-member etcd cluster while members die.</summary>
public sealed class EtcdClusterFaultTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int Writers = 8;
    private const int PerWriter = 150;
    private static readonly TimeSpan WaitTimeout = TimeSpan.FromSeconds(60);
    private EtcdCluster? _cluster;

    private EtcdCluster Cluster => _cluster ?? throw new InvalidOperationException("etcd was not started");

    public async Task InitializeAsync() => _cluster = await EtcdCluster.StartAsync(size: 3);

    public async Task DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }
    }

    [Fact]
    public async Task KillMemberDuringCreateStorm_NothingAcknowledgedLostNothingDuplicated()
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        CancellationToken ct = deadline.Token;
        await using EtcdStore store = await EtcdStore.ConnectAsync(Cluster.StoreOptions(), null, TimeProvider.System, ct);
        await using WatchReader watch = WatchReader.Start(store, "/storm/", 0, WaitTimeout);
        var acknowledged = new ConcurrentDictionary<string, long>();
        var retriesPerCreate = new ConcurrentBag<int>();
        var killAfter = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        Task storm = Task.WhenAll(Enumerable.Range(0, Writers).Select(w => Task.Run(async () =>
        {
            for (int i = 0; i < PerWriter; i++)
            {
                string key = $"/storm/{w:D2}/{i:D4}";
                (StoreEntry entry, int retries) = await CreateWithRetriesAsync(store, key, ct);
                acknowledged[key] = entry.ModRevision;
                retriesPerCreate.Add(retries);
                if (acknowledged.Count == Writers * PerWriter / 4)
                {
                    killAfter.TrySetResult();
                }
            }
        }, ct)));

        await killAfter.Task.WaitAsync(WaitTimeout, ct);
        // Member 0 is the store's first endpoint: every call in flight on it breaks, new calls must fail over.
        await Cluster.KillAsync(0);
        await storm.WaitAsync(WaitTimeout, ct);

        Assert.Equal(Writers * PerWriter, acknowledged.Count);
        output.WriteLine($"creates retried once: {retriesPerCreate.Count(r => r == 1)}, twice: {retriesPerCreate.Count(r => r == 2)}");
        StoreListResult list = await store.ListAsync("/storm/", StoreListOptions.All, ct);
        Assert.Equal(acknowledged.Keys.Order(StringComparer.Ordinal), list.Entries.Select(e => e.Key));
        Assert.All(list.Entries, e => Assert.Equal(e.Key, Encoding.UTF8.GetString(e.Value.Span)));
        List<WatchEvent> events = await watch.TakeAsync(Writers * PerWriter, "every create of the storm, across the member's death");
        Assert.Equal(events.Select(e => e.Revision).Order(), events.Select(e => e.Revision));
        Assert.Equal(acknowledged.Keys.Order(StringComparer.Ordinal), events.Select(e => e.Entry.Key).Order(StringComparer.Ordinal));

        // The killed member comes back and catches up from its peers.
        await Cluster.RestartAsync(0);
        EtcdStoreOptions onlyMember0 = Cluster.StoreOptions();
        onlyMember0.Endpoints = [Cluster.ClientEndpoints[0]];
        await using EtcdStore member0 = await EtcdStore.ConnectAsync(onlyMember0, null, TimeProvider.System, ct);
        StoreListResult fromMember0 = await member0.ListAsync("/storm/", StoreListOptions.All, ct);
        Assert.Equal(list.Entries.Select(e => (e.Key, e.ModRevision)), fromMember0.Entries.Select(e => (e.Key, e.ModRevision)));
    }

    [Fact]
    public async Task AllEndpointsDown_CallsFailWithStoreUnavailable()
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        await using EtcdStore store = await EtcdStore.ConnectAsync(Cluster.StoreOptions(), null, TimeProvider.System, deadline.Token);
        for (int i = 0; i < Cluster.Size; i++)
        {
            await Cluster.KillAsync(i);
        }

        await Assert.ThrowsAsync<StoreUnavailableException>(() => store.GetAsync("/any", deadline.Token));
        await Assert.ThrowsAsync<StoreUnavailableException>(() => store.CreateAsync("/any", new byte[] { 1 }, deadline.Token));
    }

    /// <summary>
    /// The store retries a failed create itself within its request timeout (and settles an unknown outcome by
    /// reading back its own value), so callers should rarely see <see cref="StoreUnavailableException"/>; when
    /// they do, the outcome is unknown and a retry settles it (an "already exists" holding our own value means
    /// an earlier attempt won). Two retries at most.
    /// </summary>
    private static async Task<(StoreEntry Entry, int Retries)> CreateWithRetriesAsync(IStore store, string key, CancellationToken ct)
    {
        const int MaxRetries = 2;
        byte[] value = Encoding.UTF8.GetBytes(key);
        for (int retries = 0; ; retries++)
        {
            try
            {
                return (await store.CreateAsync(key, value, ct), retries);
            }
            catch (StoreUnavailableException) when (retries < MaxRetries)
            {
            }
            catch (KeyExistsException) when (retries > 0)
            {
                StoreEntry? existing = await store.GetAsync(key, ct);
                Assert.True(existing is not null && existing.Value.Span.SequenceEqual(value), $"{key} exists with another value");
                return (existing, retries);
            }
        }
    }
}
