using Microsoft.Extensions.Logging;
using Ursa.ApiServer.Hosting;
using Ursa.ApiServer.Pki;
using Ursa.Storage;
using Ursa.Storage.Sqlite;

namespace Ursa.Cli;

/// <summary>The control plane of one process: the embedded store and the API server over it.</summary>
public sealed class ControlPlane : IAsyncDisposable
{
    private readonly IStore _store;

    private ControlPlane(IStore store, ApiServerHost api)
    {
        _store = store;
        Api = api;
    }

    public ApiServerHost Api { get; }

    public static async Task<ControlPlane> StartAsync(ApiServerOptions options, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(options.DataDirectory);
        var store = await SqliteStore.OpenAsync(
            Path.Combine(options.DataDirectory, "store.db"), new SqliteStoreOptions(), TimeProvider.System,
            loggers.CreateLogger<SqliteStore>(), cancellationToken).ConfigureAwait(false);
        try
        {
            var api = await ApiServerHost.StartAsync(options, store, loggers, TimeProvider.System, cancellationToken).ConfigureAwait(false);
            return new ControlPlane(store, api);
        }
        catch
        {
            await store.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Writes the admin kubeconfig (the API answers by the time this is called).</summary>
    public void WriteKubeconfig(string path) => Kubeconfig.Write(path, Api.AdminKubeconfig);

    public async ValueTask DisposeAsync()
    {
        await Api.DisposeAsync().ConfigureAwait(false);
        await _store.DisposeAsync().ConfigureAwait(false);
    }
}
