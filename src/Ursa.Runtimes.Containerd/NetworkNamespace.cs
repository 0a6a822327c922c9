using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Ursa.Runtimes.Containerd;

/// <summary>
/// A named network namespace made with <c>ip netns</c> (a bind mount under <c>/var/run/netns</c>), with only
/// <c>lo</c> up and no route out. Create and delete are idempotent, so a restart after a crash re-uses or
/// repairs what it finds.
/// </summary>
public sealed partial class NetworkNamespace
{
    private readonly ICommandRunner _runner;
    private readonly ContainerdToolPaths _tools;
    private readonly string _directory;
    private readonly ILogger _logger;

    /// <summary>A handle on namespace <paramref name="name"/>; nothing is created until <see cref="EnsureCreatedAsync"/>.</summary>
    public NetworkNamespace(string name, ICommandRunner runner, ContainerdToolPaths tools, ILogger<NetworkNamespace>? logger = null)
        : this(name, runner, tools, "/var/run/netns", logger)
    {
    }

    internal NetworkNamespace(string name, ICommandRunner runner, ContainerdToolPaths tools, string directory, ILogger? logger)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name;
        _runner = runner ?? throw new ArgumentNullException(nameof(runner));
        _tools = tools ?? throw new ArgumentNullException(nameof(tools));
        _directory = directory;
        _logger = logger ?? NullLogger.Instance;
    }

    /// <summary>The namespace's name, as <c>ip netns list</c> shows it.</summary>
    public string Name { get; }

    /// <summary>The namespace's bind mount, for <c>nsenter --net=</c> or <c>setns(2)</c>.</summary>
    public string Path => System.IO.Path.Combine(_directory, Name);

    /// <summary>Whether the namespace's mount point exists (it may still be stale; <see cref="EnsureCreatedAsync"/> checks).</summary>
    public bool Exists => File.Exists(Path);

    /// <summary>The same command, run inside this namespace through <c>nsenter</c>. nsenter execs the command
    /// (no fork for a network namespace), so the process id stays that of the command.</summary>
    public CommandLine Enter(CommandLine command)
    {
        ArgumentNullException.ThrowIfNull(command);
        return new CommandLine(_tools.Nsenter, ["--net=" + Path, command.FileName, .. command.Arguments]);
    }

    /// <summary>Creates the namespace unless it exists and works, then brings <c>lo</c> up in it.</summary>
    public async Task EnsureCreatedAsync(CancellationToken cancellationToken)
    {
        if (Exists)
        {
            CommandResult up = await _runner.RunAsync(LoopbackUp(), cancellationToken).ConfigureAwait(false);
            if (up.ExitCode == 0)
            {
                LogReused(_logger, Name);
                return;
            }

            // A mount point whose namespace is gone (e.g. a crash between the file and the mount of
            // `ip netns add`): "ip netns add" would fail with "File exists", so clear it first.
            LogStale(_logger, Name, up.StandardError.Trim());
            _ = await _runner.RunAsync(CommandLine.Of(_tools.Ip, "netns", "del", Name), cancellationToken).ConfigureAwait(false);
            File.Delete(Path);
        }

        CommandResult add = await _runner.RunAsync(CommandLine.Of(_tools.Ip, "netns", "add", Name), cancellationToken).ConfigureAwait(false);
        if (add.ExitCode != 0 && !Exists)
        {
            add.EnsureSuccess();
        }

        _ = (await _runner.RunAsync(LoopbackUp(), cancellationToken).ConfigureAwait(false)).EnsureSuccess();
        LogCreated(_logger, Name);
    }

    /// <summary>Deletes the namespace if it exists. Processes still inside keep it alive until they exit;
    /// only the name goes.</summary>
    public async Task DeleteAsync(CancellationToken cancellationToken)
    {
        if (!Exists)
        {
            return;
        }

        _ = (await _runner.RunAsync(CommandLine.Of(_tools.Ip, "netns", "del", Name), cancellationToken).ConfigureAwait(false)).EnsureSuccess();
        LogDeleted(_logger, Name);
    }

    private CommandLine LoopbackUp() => CommandLine.Of(_tools.Ip, "-n", Name, "link", "set", "lo", "up");

    [LoggerMessage(EventId = 3101, Level = LogLevel.Information, Message = "Created network namespace {Namespace}")]
    private static partial void LogCreated(ILogger logger, string @namespace);

    [LoggerMessage(EventId = 3102, Level = LogLevel.Information, Message = "Re-using network namespace {Namespace}")]
    private static partial void LogReused(ILogger logger, string @namespace);

    [LoggerMessage(EventId = 3103, Level = LogLevel.Warning, Message = "Network namespace {Namespace} is stale ({Reason}); re-creating it")]
    private static partial void LogStale(ILogger logger, string @namespace, string reason);

    [LoggerMessage(EventId = 3104, Level = LogLevel.Information, Message = "Deleted network namespace {Namespace}")]
    private static partial void LogDeleted(ILogger logger, string @namespace);
}
