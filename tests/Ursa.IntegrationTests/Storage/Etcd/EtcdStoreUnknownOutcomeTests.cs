using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Ursa.Grpc;
using Ursa.Storage.Etcd;

namespace Ursa.IntegrationTests.Storage.Etcd;

/// <summary>
/// Writes whose first attempt was applied by etcd but whose answer was lost: the store's retry must report
/// the write as done (not "already exists" or a conflict) and must not apply it twice.
/// </summary>
public sealed class EtcdStoreUnknownOutcomeTests : IAsyncLifetime
{
    private EtcdCluster? _cluster;
    private AnswerLosingChannel? _channel;
    private EtcdStore? _store;

    private AnswerLosingChannel Channel => _channel ?? throw new InvalidOperationException("not started");

    private EtcdStore Store => _store ?? throw new InvalidOperationException("not started");

    public async Task InitializeAsync()
    {
        _cluster = await EtcdCluster.StartAsync();
        EtcdStoreOptions options = _cluster.StoreOptions();
        _channel = new AnswerLosingChannel(new GrpcChannel(options.Endpoints[0], new GrpcChannelOptions()));
        _store = new EtcdStore([_channel], options, NullLogger<EtcdStore>.Instance, TimeProvider.System);
    }

    public async Task DisposeAsync()
    {
        if (_store is not null)
        {
            await _store.DisposeAsync();
        }

        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }
    }

    [Fact]
    public async Task Create_FirstAttemptLandedAnswerLost_SucceedsOnceAtTheFirstAttemptsRevision()
    {
        long before = await Store.GetCurrentRevisionAsync(CancellationToken.None);
        Channel.LoseAnswers = 1;
        StoreEntry created = await Store.CreateAsync("/k/a", Encoding.UTF8.GetBytes("v1"), CancellationToken.None);

        Assert.Equal(0, Channel.LoseAnswers);
        Assert.True(created.ModRevision > before);
        Assert.Equal(created.ModRevision, created.CreateRevision);
        // Nothing was written after the first attempt: the retry did not apply a second time.
        Assert.Equal(created.ModRevision, await Store.GetCurrentRevisionAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Create_KeyHeldByAnotherValue_StillAlreadyExistsAfterAnUnknownOutcome()
    {
        await Store.CreateAsync("/k/b", Encoding.UTF8.GetBytes("theirs"), CancellationToken.None);
        Channel.LoseAnswers = 1;
        // The lost answer was "already exists" (nothing applied); the retry must still say so.
        await Assert.ThrowsAsync<KeyExistsException>(() => Store.CreateAsync("/k/b", Encoding.UTF8.GetBytes("ours"), CancellationToken.None));
    }

    [Fact]
    public async Task Update_FirstAttemptLandedAnswerLost_SucceedsOnce()
    {
        StoreEntry created = await Store.CreateAsync("/k/c", Encoding.UTF8.GetBytes("v1"), CancellationToken.None);
        Channel.LoseAnswers = 1;
        StoreEntry updated = await Store.UpdateAsync("/k/c", Encoding.UTF8.GetBytes("v2"), created.ModRevision, CancellationToken.None);

        Assert.Equal(created.ModRevision + 1, updated.ModRevision);
        Assert.Equal(created.CreateRevision, updated.CreateRevision);
        Assert.Equal(updated.ModRevision, await Store.GetCurrentRevisionAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Update_SomeoneElseWroteMeanwhile_StillAConflict()
    {
        StoreEntry created = await Store.CreateAsync("/k/d", Encoding.UTF8.GetBytes("v1"), CancellationToken.None);
        await Store.UpdateAsync("/k/d", Encoding.UTF8.GetBytes("theirs"), created.ModRevision, CancellationToken.None);
        Channel.LoseAnswers = 1;
        await Assert.ThrowsAsync<RevisionConflictException>(() => Store.UpdateAsync("/k/d", Encoding.UTF8.GetBytes("ours"), created.ModRevision, CancellationToken.None));
    }

    [Fact]
    public async Task Delete_FirstAttemptLandedAnswerLost_ReportsTheOutcomeUnknown()
    {
        StoreEntry created = await Store.CreateAsync("/k/e", Encoding.UTF8.GetBytes("v1"), CancellationToken.None);
        Channel.LoseAnswers = 1;
        await Assert.ThrowsAsync<StoreUnavailableException>(() => Store.DeleteAsync("/k/e", created.ModRevision, CancellationToken.None));
        Assert.Null(await Store.GetAsync("/k/e", CancellationToken.None));
    }
}
