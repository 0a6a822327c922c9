using Microsoft.Extensions.Logging;
using Ursa.Grpc.Server;
using Ursa.Runtimes.Qemu.Images;
using Ursa.Runtimes.Qemu.Network;
using Ursa.Runtimes.Qemu.Seed;
using Ursa.Runtimes.Qemu.Service;
using Ursa.Runtimes.Qemu.Vms;

namespace Ursa.Runtimes.Qemu;

/// <summary>
/// A running VM runtime: re-adopts the VMs an earlier run left, then serves the CRI (RuntimeService, ImageService)
/// and <c>ursa.vm.v1.VirtualMachineService</c> - on a unix socket, or only to callers in this process through
/// <see cref="Runtime"/>. Disposing stops serving and leaves every VM running (the next runtime adopts them).
/// </summary>
public sealed class VmRuntimeHost : IAsyncDisposable
{
    private readonly GrpcUnixServer? _server;
    private readonly HttpClient _http;

    private VmRuntimeHost(VmRuntime runtime, GrpcUnixServer? server, HttpClient http)
    {
        Runtime = runtime;
        _server = server;
        _http = http;
    }

    /// <summary>The runtime's sandboxes and VMs.</summary>
    public VmManager Manager => Runtime.Manager;

    /// <summary>The runtime's services, to call in this process (what the socket serves).</summary>
    public VmRuntime Runtime { get; }

    /// <summary>The socket the runtime serves on, or null when it serves this process only.</summary>
    public string? SocketPath => _server?.SocketPath;

    /// <summary>Starts the runtime; serves it on <paramref name="socketPath"/> unless that is null.</summary>
    /// <param name="socketPath">The unix socket to serve on; null serves no socket (an agent that runs the runtime
    /// in its own process calls <see cref="Runtime"/>: no Kestrel host and no HTTP/2 client, ~20 MiB less).</param>
    /// <param name="options">Runtime settings.</param>
    /// <param name="http">Carries image downloads and registry requests (owned by the host from now on).</param>
    /// <param name="loggers">Logging.</param>
    /// <param name="cancellationToken">Cancels start-up.</param>
    public static async Task<VmRuntimeHost> StartAsync(string? socketPath, VmRuntimeOptions options, HttpClient http, ILoggerFactory loggers, CancellationToken cancellationToken)
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
        var runtime = new VmRuntime(manager, options, images);
        GrpcUnixServer? server = null;
        if (socketPath is not null)
        {
            server = await GrpcUnixServer.StartAsync(socketPath, VmRuntimeRoutes.Map(new GrpcServiceRouter(), runtime), null, cancellationToken).ConfigureAwait(false);
        }

        return new VmRuntimeHost(runtime, server, http);
    }

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync().ConfigureAwait(false);
        }

        await Manager.DisposeAsync().ConfigureAwait(false);
        _http.Dispose();
    }
}
