using Microsoft.Extensions.Logging;
using Ursa.Runtimes.Containerd.Internal;

namespace Ursa.Runtimes.Containerd;

/// <summary>
/// Runs Debian's <c>docker-registry</c> on 127.0.0.1 inside Ursa's network namespace: only containerd and
/// tools entered into the namespace reach it. Started and stopped by its own pid, re-adopted after a crash.
/// </summary>
public sealed class LocalRegistry : IAsyncDisposable
{
    private readonly ContainerdOptions _options;
    private readonly NetworkNamespace _network;
    private readonly ICommandRunner _runner;
    private readonly SupervisedDaemon _daemon;

    /// <summary>A registry for <paramref name="options"/>; <paramref name="network"/> must exist before <see cref="StartAsync"/>.</summary>
    public LocalRegistry(ContainerdOptions options, NetworkNamespace network, ICommandRunner runner, TimeProvider time, ILogger<LocalRegistry> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _network = network ?? throw new ArgumentNullException(nameof(network));
        _runner = runner ?? throw new ArgumentNullException(nameof(runner));
        string config = RegistryConfig.ConfigPath(options);
        CommandLine command = network.Enter(CommandLine.Of(options.Tools.Registry, "serve", config));
        _daemon = new SupervisedDaemon("registry", command, config, Path.Combine(options.RunDirectory, "registry.pid"),
            LogPath, AnswersAsync, options, time, logger);
    }

    /// <summary>The registry's address inside the namespace, e.g. <c>127.0.0.1:5000</c>.</summary>
    public string Address => _options.RegistryAddress;

    /// <summary>The registry's output, appended across restarts.</summary>
    public string LogPath => Path.Combine(_options.LogDirectory, "registry.log");

    /// <summary>The registry's pid while it runs under this object.</summary>
    public int? ProcessId => _daemon.ProcessId;

    /// <summary>Writes the registry's config and starts it (or adopts a running one); returns once <c>/v2/</c> answers.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        _ = Directory.CreateDirectory(RegistryConfig.StorageDirectory(_options));
        _ = Directory.CreateDirectory(_options.LogDirectory);
        _ = Directory.CreateDirectory(_options.RunDirectory);
        bool changed = ConfigFiles.Write(RegistryConfig.ConfigPath(_options), RegistryConfig.Render(_options));
        await _daemon.StartAsync(restart: changed, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Stops the registry: SIGTERM, then SIGKILL after <see cref="ContainerdOptions.StopGracePeriod"/>.</summary>
    public Task StopAsync(CancellationToken cancellationToken) => _daemon.StopAsync(cancellationToken);

    /// <inheritdoc />
    public async ValueTask DisposeAsync() => await StopAsync(CancellationToken.None).ConfigureAwait(false);

    // The registry listens on the namespace's loopback, which the host cannot dial: ask from inside, with the
    // busybox that the images are built from anyway (~5 ms a probe). No `-T`: busybox-static 1.35's wget
    // crashes (SIGSEGV) with it; SupervisedDaemon bounds each probe instead.
    private async Task<bool> AnswersAsync(CancellationToken cancellationToken)
    {
        CommandLine probe = _network.Enter(CommandLine.Of(_options.Tools.Busybox, "wget", "-q", "-O", "/dev/null", $"http://{Address}/v2/"));
        return (await _runner.RunAsync(probe, cancellationToken).ConfigureAwait(false)).ExitCode == 0;
    }
}
