using System.Runtime.CompilerServices;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Ursa.ApiServer.Caching;
using Ursa.ApiServer.Resources;
using Ursa.ApiServer.Storage;
using Ursa.Storage;

namespace Ursa.UnitTests.ApiServer.Caching;

/// <summary>When the store's watch reports that a progress overtook an event, the cache relists instead of keeping the gap.</summary>
public sealed class WatchCacheRelistTests
{
    private static readonly ResourceDefinition Pods = ResourceCatalog.CreateDefault().Get(string.Empty, "pods");

    [Fact]
    public async Task ProgressOvertaken_RelistsAndHasTheObjectTheWatchSkipped()
    {
        var store = new OvertakenStore();
        await using var cache = new WatchCache(Pods, store, NullLogger.Instance);
        cache.Start();
        await cache.Ready.WaitAsync(TimeSpan.FromSeconds(10));

        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        Assert.True(await cache.WaitForRevisionAsync(8, TimeSpan.FromSeconds(10), deadline.Token), "the cache did not relist to revision 8");

        Assert.Equal(2, store.Lists);
        Assert.NotNull(cache.Get(Key("a")));
        Assert.NotNull(cache.Get(Key("b")));
    }

    private static string Key(string name) => StorageKeys.ObjectKey(Pods, "system", "default", name);

    private static StoreEntry Entry(string name, long revision) => new(
        Key(name), Encoding.UTF8.GetBytes($$$"""{"metadata":{"name":"{{{name}}}","namespace":"default"}}"""), revision, revision);

    /// <summary>
    /// Lists a at 5 first and then a and b at 8. The first watch reports progress to 7 and then that the event at 6
    /// (b) came in below it; later watches wait.
    /// </summary>
    private sealed class OvertakenStore : IStore
    {
        private int _lists;
        private int _watches;

        public int Lists => Volatile.Read(ref _lists);

        public Task<StoreListResult> ListAsync(string prefix, StoreListOptions options, CancellationToken cancellationToken) =>
            Task.FromResult(Interlocked.Increment(ref _lists) == 1
                ? new StoreListResult([Entry("a", 5)], 5, false)
                : new StoreListResult([Entry("a", 5), Entry("b", 6)], 8, false));

        public async IAsyncEnumerable<WatchEvent> WatchAsync(string prefix, long afterRevision, [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            if (Interlocked.Increment(ref _watches) == 1)
            {
                yield return new WatchEvent(WatchEventType.Progress, new StoreEntry(string.Empty, ReadOnlyMemory<byte>.Empty, 0, 7));
                throw new WatchProgressOvertakenException(6, 7);
            }

            await Task.Delay(Timeout.Infinite, cancellationToken);
        }

        public Task<long> GetCurrentRevisionAsync(CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<StoreEntry?> GetAsync(string key, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<StoreEntry> CreateAsync(string key, ReadOnlyMemory<byte> value, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<StoreEntry> UpdateAsync(string key, ReadOnlyMemory<byte> value, long expectedModRevision, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<StoreEntry> DeleteAsync(string key, long expectedModRevision, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task CompactAsync(long revision, CancellationToken cancellationToken) => throw new NotSupportedException();

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
