using Ursa.IntegrationTests.Infrastructure;
using Ursa.Storage.Etcd;

namespace Ursa.IntegrationTests.Storage.Etcd;

/// <summary>
/// The shared control plane of <see cref="ControlPlaneFixture"/>, with its state in a real single-member etcd
/// owned by the fixture (stopped by PID after the control plane), so suites written against the fixture also
/// run on etcd.
/// </summary>
public sealed class EtcdControlPlaneFixture : ControlPlaneFixture
{
    private EtcdCluster? _etcd;

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (_etcd is not null)
        {
            await _etcd.DisposeAsync();
        }
    }

    protected override async Task<EtcdStoreOptions?> StartEtcdAsync()
    {
        _etcd = await EtcdCluster.StartAsync();
        return _etcd.StoreOptions();
    }
}
