using Microsoft.Extensions.Logging;
using Ursa.Runtimes.Containerd.Internal;

namespace Ursa.Runtimes.Containerd;

/// <summary>
/// Runs containerd inside Ursa's network namespace with the config of <see cref="ContainerdConfig"/>, and
/// stops it by its own pid. A containerd left by a crashed Ursa (found through its pid file) is re-adopted
/// when it answers and its config is unchanged, and replaced otherwise.
/// </summary>
/// <remarks>Stopping containerd leaves its shims and containers running (as a containerd restart does);
/// removing pods is the agent's job, through CRI, before it stops the runtime.</remarks>
public sealed class ContainerdSupervisor : IAsyncDisposable
{
    private readonly ContainerdOptions _options;
    private readonly ICommandRunner _runner;
    private readonly SupervisedDaemon _daemon;

    /// <summary>A supervisor for <paramref name="options"/>; <paramref name="network"/> must exist before <see cref="StartAsync"/>.</summary>
    public ContainerdSupervisor(ContainerdOptions options, NetworkNamespace network, ICommandRunner runner, TimeProvider time, ILogger<ContainerdSupervisor> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(network);
        _options = options;
        _runner = runner ?? throw new ArgumentNullException(nameof(runner));
        CommandLine command = network.Enter(CommandLine.Of(options.Tools.Containerd, "--config", options.ConfigPath));
        _daemon = new SupervisedDaemon("containerd", command, options.ConfigPath, Path.Combine(options.RunDirectory, "containerd.pid"),
            LogPath, AnswersAsync, options, time, logger);
    }

    /// <summary>containerd's gRPC socket (CRI <c>runtime.v1</c> and containerd's own API), reachable from the host namespace.</summary>
    public string SocketPath => _options.SocketPath;

    /// <summary>containerd's output, appended across restarts.</summary>
    public string LogPath => Path.Combine(_options.LogDirectory, "containerd.log");

    /// <summary>containerd's pid while it runs under this supervisor.</summary>
    public int? ProcessId => _daemon.ProcessId;

    /// <summary>
    /// Writes containerd's config, the CNI bridge conflist and the registry hosts file, then starts containerd
    /// (or adopts a running one) and returns once <c>ctr version</c> answers on its socket.
    /// </summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (string directory in new[] { _options.RootDirectory, _options.StateDirectory, _options.LogDirectory, _options.RunDirectory })
        {
            _ = Directory.CreateDirectory(directory);
        }

        bool changed = ConfigFiles.Write(_options.ConfigPath, ContainerdConfig.Render(_options));
        // containerd re-reads CNI configs and hosts files on its own: these need no restart.
        _ = ConfigFiles.Write(Path.Combine(_options.CniConfigDirectory, CniConfig.FileName), CniConfig.RenderBridge(_options));
        _ = ConfigFiles.Write(ContainerdConfig.RegistryHostsPath(_options), ContainerdConfig.RenderRegistryHosts(_options));
        await _daemon.StartAsync(restart: changed, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Stops containerd: SIGTERM, then SIGKILL after <see cref="ContainerdOptions.StopGracePeriod"/>.</summary>
    public Task StopAsync(CancellationToken cancellationToken) => _daemon.StopAsync(cancellationToken);

    /// <inheritdoc />
    public async ValueTask DisposeAsync() => await StopAsync(CancellationToken.None).ConfigureAwait(false);

    // `ctr version` (~15 ms) rather than a plain connect: the kernel accepts connections into the listen backlog
    // even for a stopped or wedged containerd, and an adopted daemon must really answer gRPC.
    private async Task<bool> AnswersAsync(CancellationToken cancellationToken)
    {
        if (!File.Exists(SocketPath))
        {
            return false;
        }

        CommandLine version = CommandLine.Of(_options.Tools.Ctr, "--address", SocketPath, "--timeout", "2s", "version");
        return (await _runner.RunAsync(version, cancellationToken).ConfigureAwait(false)).ExitCode == 0;
    }
}
