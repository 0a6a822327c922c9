using Microsoft.Extensions.Logging;
using Ursa.Grpc.Server;
using Ursa.Runtimes.Qemu.Images;
using Ursa.Runtimes.Qemu.Network;
using Ursa.Runtimes.Qemu.Seed;
using Ursa.Runtimes.Qemu.Service;
using Ursa.Runtimes.Qemu.Vms;

namespace Ursa.Runtimes.Qemu;

/// <summary>
/// A running VM runtime: re-adopts the VMs an earlier run left, then serves the CRI (RuntimeService,
/// ImageService) and <c>ursa.vm.v1.VirtualMachineService</c> on a unix socket. Disposing stops serving and leaves
/// every VM running (the next runtime adopts them).
/// </summary>
public sealed class VmRuntimeHost : IAsyncDisposable
{
    private readonly GrpcUnixServer _server;
    private readonly HttpClient _http;

    private VmRuntimeHost(GrpcUnixServer server, VmManager manager, HttpClient http)
    {
        _server = server;
        Manager = manager;
        _http = http;
    }

    /// <summary>The runtime's sandboxes and VMs.</summary>
    public VmManager Manager { get; }

    /// <summary>The socket the runtime serves on.</summary>
    public string SocketPath => _server.SocketPath;

    /// <summary>Starts the runtime on <paramref name="socketPath"/>.</summary>
    /// <param name="socketPath">The unix socket to serve on.</param>
    /// <param name="options">Runtime settings.</param>
    /// <param name="http">Carries image downloads and registry requests (owned by the host from now on).</param>
    /// <param name="loggers">Logging.</param>
    /// <param name="cancellationToken">Cancels start-up.</param>
    public static async Task<VmRuntimeHost> StartAsync(string socketPath, VmRuntimeOptions options, HttpClient http, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(loggers);
        var runner = ProcessCommandRunner.Instance;
        var storeOptions = new DiskImageStoreOptions { Root = options.ImagesDirectory };
        foreach (var (host, endpoint) in options.RegistryMirrors)
        {
            storeOptions.Mirrors[host] = endpoint;
        }

        var images = new DiskImageStore(storeOptions, http, runner, TimeProvider.System, loggers.CreateLogger<DiskImageStore>());
        var network = new PodNetwork(options.Network, runner, loggers.CreateLogger<PodNetwork>());
        var manager = new VmManager(options, images, new GenisoimageSeedBuilder(runner), network, runner, TimeProvider.System, loggers.CreateLogger<VmManager>());
        await manager.LoadAsync(cancellationToken).ConfigureAwait(false);
        var router = new GrpcServiceRouter();
        new VmRuntimeService(manager, options).Map(router);
        new VmImageService(images).Map(router);
        new DiskImagePullService(images).Map(router);
        new VirtualMachineService(manager).Map(router);
        var server = await GrpcUnixServer.StartAsync(socketPath, router, null, cancellationToken).ConfigureAwait(false);
        return new VmRuntimeHost(server, manager, http);
    }

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync().ConfigureAwait(false);
        await Manager.DisposeAsync().ConfigureAwait(false);
        _http.Dispose();
    }
}
