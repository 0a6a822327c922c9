using Microsoft.Extensions.Logging;

namespace Ursa.Runtimes.Containerd;

/// <summary>
/// containerd managed by Ursa, for <c>ursa up</c> when no runtime endpoint is given: its network namespace,
/// the local registry, containerd itself and the local images, started in that order and stopped in reverse.
/// </summary>
/// <remarks>
/// <code>
///  StartAsync: netns ursa0 --> registry (127.0.0.1:5000 in ursa0) --> containerd (in ursa0) --> pause import --> busybox push
///  StopAsync:  containerd --> registry --> netns (optional)
/// </code>
/// Every step is idempotent: a restart after a crash re-adopts running daemons and re-uses cached images.
/// </remarks>
public sealed partial class ManagedContainerd : IAsyncDisposable
{
    private readonly ContainerdOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    /// <summary>Validates <paramref name="options"/> and wires the parts; nothing starts before <see cref="StartAsync"/>.</summary>
    public ManagedContainerd(ContainerdOptions options, ICommandRunner runner, TimeProvider time, ILoggerFactory loggerFactory)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(runner);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        options.Validate();
        _options = options;
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _logger = loggerFactory.CreateLogger<ManagedContainerd>();
        Network = new NetworkNamespace(options.NetworkNamespace, runner, options.Tools, loggerFactory.CreateLogger<NetworkNamespace>());
        Registry = new LocalRegistry(options, Network, runner, time, loggerFactory.CreateLogger<LocalRegistry>());
        Containerd = new ContainerdSupervisor(options, Network, runner, time, loggerFactory.CreateLogger<ContainerdSupervisor>());
        Images = new LocalImages(options, Network, runner, loggerFactory.CreateLogger<LocalImages>());
    }

    /// <summary>The namespace containerd, the registry and the pod bridge live in.</summary>
    public NetworkNamespace Network { get; }

    /// <summary>The local OCI registry behind <see cref="ContainerdOptions.RegistryHost"/>.</summary>
    public LocalRegistry Registry { get; }

    /// <summary>The containerd process.</summary>
    public ContainerdSupervisor Containerd { get; }

    /// <summary>The images built from Debian packages.</summary>
    public LocalImages Images { get; }

    /// <summary>containerd's socket, the CRI endpoint for the agent (<c>unix://</c> + this).</summary>
    public string SocketPath => _options.SocketPath;

    /// <summary>Starts everything, or re-adopts what already runs; returns the time each stage took.</summary>
    public async Task<ManagedContainerdStartup> StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            long since = _time.GetTimestamp();
            await Network.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
            TimeSpan network = Lap(ref since);
            await Registry.StartAsync(cancellationToken).ConfigureAwait(false);
            TimeSpan registry = Lap(ref since);
            await Containerd.StartAsync(cancellationToken).ConfigureAwait(false);
            TimeSpan containerd = Lap(ref since);
            await Images.ImportPauseImageAsync(SocketPath, cancellationToken).ConfigureAwait(false);
            TimeSpan pause = Lap(ref since);
            await Images.PushBusyboxImageAsync(cancellationToken).ConfigureAwait(false);
            var startup = new ManagedContainerdStartup(network, registry, containerd, pause, Lap(ref since));
            LogReady(_logger, SocketPath, (long)startup.Total.TotalMilliseconds);
            return startup;
        }
        catch (Exception e)
        {
            // A half-started set is worse than none: the next start would adopt a registry without containerd.
            LogStartFailed(_logger, e);
            await StopAsync(deleteNetwork: true, CancellationToken.None).ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Stops containerd, then the registry, then (when <paramref name="deleteNetwork"/>) removes the
    /// namespace's name. Running containers' shims are not touched: remove pods through CRI first.</summary>
    public async Task StopAsync(bool deleteNetwork, CancellationToken cancellationToken)
    {
        await Containerd.StopAsync(cancellationToken).ConfigureAwait(false);
        await Registry.StopAsync(cancellationToken).ConfigureAwait(false);
        if (deleteNetwork)
        {
            await Network.DeleteAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Stops everything and deletes the namespace.</summary>
    public async ValueTask DisposeAsync() => await StopAsync(deleteNetwork: true, CancellationToken.None).ConfigureAwait(false);

    private TimeSpan Lap(ref long since)
    {
        long now = _time.GetTimestamp();
        TimeSpan elapsed = _time.GetElapsedTime(since, now);
        since = now;
        return elapsed;
    }

    [LoggerMessage(EventId = 3131, Level = LogLevel.Information, Message = "Managed containerd ready at {Socket} after {ElapsedMs} ms")]
    private static partial void LogReady(ILogger logger, string socket, long elapsedMs);

    [LoggerMessage(EventId = 3132, Level = LogLevel.Error, Message = "Managed containerd failed to start; stopping what did start")]
    private static partial void LogStartFailed(ILogger logger, Exception exception);
}
