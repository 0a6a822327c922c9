using Microsoft.Extensions.Logging;
using Ursa.ApiServer.Hosting;
using Ursa.ApiServer.Pki;
using Ursa.Client.Connection;
using Ursa.Client.Informers;
using Ursa.Client.Rest;
using Ursa.Controllers;
using Ursa.Scheduler;
using Ursa.Storage;
using Ursa.Storage.Etcd;
using Ursa.Storage.Sqlite;

namespace Ursa.Cli;

/// <summary>
/// The control plane of one process: the embedded store, the API server over it and, unless asked not to, the
/// scheduler talking to that API server like any client (k3s style: components in-process, same seams).
/// </summary>
public sealed class ControlPlane : IAsyncDisposable
{
    private readonly IStore _store;
    private readonly CancellationTokenSource _stop = new();
    private ApiClient? _client;
    private Task _components = Task.CompletedTask;

    private ControlPlane(IStore store, ApiServerHost api)
    {
        _store = store;
        Api = api;
    }

    public ApiServerHost Api { get; }

    /// <summary>The in-process scheduler, when running.</summary>
    public PodScheduler? Scheduler { get; private set; }

    /// <param name="options">API server options.</param>
    /// <param name="loggers">Logging.</param>
    /// <param name="cancellationToken">Aborts start-up.</param>
    /// <param name="withScheduler">Run the scheduler in this process.</param>
    /// <param name="etcd">Keep state in this etcd cluster instead of the embedded store.</param>
    /// <param name="withControllers">Run the workload controllers in this process (default: with the scheduler).</param>
    public static async Task<ControlPlane> StartAsync(ApiServerOptions options, ILoggerFactory loggers, CancellationToken cancellationToken, bool withScheduler = true, EtcdStoreOptions? etcd = null, bool? withControllers = null)
    {
        var plane = await StartApiAsync(options, loggers, etcd, cancellationToken).ConfigureAwait(false);
        var components = new List<Task>();
        if (withScheduler || withControllers == true)
        {
            plane._client = new ApiClient(new ClusterConnection(plane.Api.Url, plane.Api.CaPem, plane.Api.AdminToken));
        }

        // The scheduler and the controllers share one list+watch per kind (pods, nodes): each pod event is sent,
        // decoded and cached once in this process, not once per component.
        var informers = plane._client is null ? null : new SharedInformers(plane._client, TimeProvider.System, loggers.CreateLogger<SharedInformers>());
        if (withScheduler)
        {
            plane.Scheduler = new PodScheduler(plane._client!, new SchedulerOptions(), TimeProvider.System, loggers.CreateLogger<PodScheduler>(), informers);
            components.Add(plane.Scheduler.RunAsync(plane._stop.Token));
        }

        if (withControllers ?? withScheduler)
        {
            components.Add(new ControllerSet(plane._client!, TimeProvider.System, loggers, sharedInformers: informers).RunAsync(plane._stop.Token));
        }

        if (informers is not null)
        {
            components.Add(informers.RunAsync(plane._stop.Token));
        }

        plane._components = Task.WhenAll(components);
        return plane;
    }

    private static async Task<ControlPlane> StartApiAsync(ApiServerOptions options, ILoggerFactory loggers, EtcdStoreOptions? etcd, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(options.DataDirectory);
        IStore store = etcd is null
            ? await SqliteStore.OpenAsync(
                Path.Combine(options.DataDirectory, "store.db"), new SqliteStoreOptions(), TimeProvider.System,
                loggers.CreateLogger<SqliteStore>(), cancellationToken).ConfigureAwait(false)
            : await EtcdStore.ConnectAsync(etcd, loggers.CreateLogger<EtcdStore>(), TimeProvider.System, cancellationToken).ConfigureAwait(false);
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
        await _stop.CancelAsync().ConfigureAwait(false);
        await _components.ConfigureAwait(false);
        _client?.Dispose();
        _stop.Dispose();
        await Api.DisposeAsync().ConfigureAwait(false);
        await _store.DisposeAsync().ConfigureAwait(false);
    }
}
