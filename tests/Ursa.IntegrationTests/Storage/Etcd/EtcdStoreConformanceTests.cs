using Ursa.Storage.Conformance;
using Ursa.Storage.Etcd;

namespace Ursa.IntegrationTests.Storage.Etcd;

/// <summary>
/// The storage conformance suite against <see cref="EtcdStore"/> on a real single-member etcd, a fresh one per
/// test: the suite uses fixed keys, watches from revision 0, compacts, and expects an empty store to be at
/// revision 0, so sharing one etcd (even under key prefixes) would weaken the very checks it makes. A fresh
/// member starts in ~0.3 s. Reopen kills etcd with SIGKILL and restarts it on the same data directory, so
/// the durable tests check what etcd fsynced, not what a live process still holds.
/// </summary>
public sealed class EtcdStoreConformanceTests : DurableStoreConformanceTests
{
    private EtcdCluster? _cluster;

    private EtcdCluster Cluster => _cluster ?? throw new InvalidOperationException("etcd was not started");

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _cluster = await EtcdCluster.StartAsync();
    }

    protected override async Task<IStore> CreateStoreAsync() =>
        await EtcdStore.ConnectAsync(Cluster.StoreOptions(), null, TimeProvider.System, CancellationToken.None);

    protected override async Task<IStore> ReopenStoreAsync(IStore store)
    {
        await store.DisposeAsync();
        await Cluster.KillAsync(0);
        await Cluster.RestartAsync(0);
        return await CreateStoreAsync();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }
    }
}
