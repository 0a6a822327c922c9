using System.Globalization;
using Microsoft.Extensions.Logging;
using Ursa.Runtimes.Containerd.Internal;

namespace Ursa.Runtimes.Containerd;

/// <summary>
/// Container images made with no download, from Debian's busybox-static: the pod sandbox (pause) image,
/// imported straight into containerd's <c>k8s.io</c> namespace, and <c>ursa.local/busybox:latest</c>, pushed to
/// the <see cref="LocalRegistry"/> so that a CRI PullImage of it works like any pull.
/// </summary>
/// <remarks>
/// <code>
///  /bin/busybox --copy+symlinks--> rootfs --umoci--> images/NAME (OCI layout, cached)
///     pause:   --skopeo--> docker-archive tar --ctr import--> containerd k8s.io
///     busybox: --skopeo (inside the netns)--> http://127.0.0.1:PORT/busybox:latest
/// </code>
/// Layouts are rebuilt only when missing or when busybox or the recipe changed (~60 ms each here).
/// </remarks>
public sealed partial class LocalImages
{
    private const string CriNamespace = "k8s.io";

    private readonly ContainerdOptions _options;
    private readonly NetworkNamespace _network;
    private readonly ICommandRunner _runner;
    private readonly ILogger _logger;

    /// <summary>Images for <paramref name="options"/>; pushes and probes run inside <paramref name="network"/>.</summary>
    public LocalImages(ContainerdOptions options, NetworkNamespace network, ICommandRunner runner, ILogger<LocalImages> logger)
    {
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _network = network ?? throw new ArgumentNullException(nameof(network));
        _runner = runner ?? throw new ArgumentNullException(nameof(runner));
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
    }

    /// <summary>The busybox image reference pods use: <c>ursa.local/busybox:latest</c>.</summary>
    public string BusyboxImage => _options.RegistryHost + "/busybox:latest";

    /// <summary>The sandbox image reference containerd's CRI plugin is configured with.</summary>
    public string PauseImage => _options.SandboxImage;

    /// <summary>Builds the pause image's layout if needed and imports it into containerd's <c>k8s.io</c>
    /// namespace unless containerd already has it.</summary>
    public async Task ImportPauseImageAsync(string containerdSocket, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(containerdSocket);
        CommandResult list = (await _runner.RunAsync(Ctr(containerdSocket, "images", "ls", "-q"), cancellationToken).ConfigureAwait(false)).EnsureSuccess();
        if (list.StandardOutput.Split('\n', StringSplitOptions.TrimEntries).Contains(PauseImage, StringComparer.Ordinal))
        {
            return;
        }

        string layout = await EnsureLayoutAsync(ImageRecipe.Pause, cancellationToken).ConfigureAwait(false);
        string archive = Path.Combine(_options.ImagesDirectory, "pause.docker.tar");
        File.Delete(archive);
        try
        {
            _ = (await _runner.RunAsync(Skopeo("copy", $"oci:{layout}:latest", $"docker-archive:{archive}:{PauseImage}"), cancellationToken).ConfigureAwait(false)).EnsureSuccess();
            _ = (await _runner.RunAsync(Ctr(containerdSocket, "images", "import", archive), cancellationToken).ConfigureAwait(false)).EnsureSuccess();
        }
        finally
        {
            File.Delete(archive);
        }

        LogImported(_logger, PauseImage);
    }

    /// <summary>Builds the busybox layout if needed and pushes it to the local registry (skopeo skips blobs
    /// the registry already has, so a repeat push costs ~50 ms).</summary>
    public Task PushBusyboxImageAsync(CancellationToken cancellationToken) => PushBusyboxImageAsync("busybox:latest", cancellationToken);

    /// <summary>Pushes the busybox image under another <paramref name="repositoryAndTag"/> (e.g. <c>tools:v2</c>),
    /// which pods then find as <c>ursa.local/tools:v2</c>.</summary>
    public async Task PushBusyboxImageAsync(string repositoryAndTag, CancellationToken cancellationToken)
    {
        string layout = await EnsureLayoutAsync(ImageRecipe.Busybox, cancellationToken).ConfigureAwait(false);
        string destination = $"docker://{_options.RegistryAddress}/{repositoryAndTag}";
        CommandLine push = _network.Enter(Skopeo("copy", "--dest-tls-verify=false", $"oci:{layout}:latest", destination));
        _ = (await _runner.RunAsync(push, cancellationToken).ConfigureAwait(false)).EnsureSuccess();
        LogPushed(_logger, BusyboxImage, destination);
    }

    /// <summary>The cached OCI layout of <paramref name="recipe"/>, built first when missing or out of date.</summary>
    internal async Task<string> EnsureLayoutAsync(ImageRecipe recipe, CancellationToken cancellationToken)
    {
        string layout = Path.Combine(_options.ImagesDirectory, recipe.Name);
        string stampFile = Path.Combine(_options.ImagesDirectory, recipe.Name + ".stamp");
        string stamp = Stamp();
        if (Directory.Exists(layout) && File.Exists(stampFile) && await File.ReadAllTextAsync(stampFile, cancellationToken).ConfigureAwait(false) == stamp)
        {
            return layout;
        }

        // Built beside the cache and moved in whole, so a crash mid-build never leaves a layout that looks done.
        string work = Path.Combine(_options.ImagesDirectory, $".build-{recipe.Name}-{Environment.ProcessId}");
        DeleteDirectory(work);
        string rootfs = Path.Combine(work, "rootfs");
        string building = Path.Combine(work, "oci");
        try
        {
            IEnumerable<string> applets = [];
            if (recipe.AllApplets)
            {
                CommandResult list = (await _runner.RunAsync(CommandLine.Of(_options.Tools.Busybox, "--list-full"), cancellationToken).ConfigureAwait(false)).EnsureSuccess();
                applets = list.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            }

            RootfsBuilder.Build(rootfs, _options.Tools.Busybox, applets);
            string image = building + ":latest";
            await UmociAsync(cancellationToken, "init", "--layout", building).ConfigureAwait(false);
            await UmociAsync(cancellationToken, "new", "--image", image).ConfigureAwait(false);
            await UmociAsync(cancellationToken, "insert", "--image", image, rootfs, "/").ConfigureAwait(false);
            var config = new List<string> { "config", "--image", image, "--config.env", "PATH=" + ImageRecipe.Path, "--config.workingdir", "/" };
            foreach (string word in recipe.Entrypoint)
            {
                config.AddRange(["--config.entrypoint", word]);
            }

            foreach (string word in recipe.Cmd)
            {
                config.AddRange(["--config.cmd", word]);
            }

            await UmociAsync(cancellationToken, [.. config]).ConfigureAwait(false);
            DeleteDirectory(layout);
            Directory.Move(building, layout);
            await File.WriteAllTextAsync(stampFile, stamp, cancellationToken).ConfigureAwait(false);
            LogBuilt(_logger, recipe.Name, layout);
            return layout;
        }
        finally
        {
            DeleteDirectory(work);
        }
    }

    private string Stamp()
    {
        var busybox = new FileInfo(_options.Tools.Busybox);
        if (!busybox.Exists)
        {
            throw new FileNotFoundException($"{_options.Tools.Busybox} is missing: install Debian's busybox-static", _options.Tools.Busybox);
        }

        return string.Create(CultureInfo.InvariantCulture, $"recipe {ImageRecipe.Version}; busybox {busybox.Length} bytes, modified {busybox.LastWriteTimeUtc:O}\n");
    }

    private async Task UmociAsync(CancellationToken cancellationToken, params string[] arguments) =>
        _ = (await _runner.RunAsync(new CommandLine(_options.Tools.Umoci, arguments), cancellationToken).ConfigureAwait(false)).EnsureSuccess();

    // --insecure-policy: skopeo would otherwise need /etc/containers/policy.json to copy images we built ourselves.
    private CommandLine Skopeo(params string[] arguments) => new(_options.Tools.Skopeo, ["--insecure-policy", .. arguments]);

    private CommandLine Ctr(string socket, params string[] arguments) => new(_options.Tools.Ctr, ["--address", socket, "--namespace", CriNamespace, .. arguments]);

    private static void DeleteDirectory(string path)
    {
        if (Directory.Exists(path))
        {
            Directory.Delete(path, recursive: true);
        }
    }

    [LoggerMessage(EventId = 3121, Level = LogLevel.Information, Message = "Built image layout {Image} at {Layout}")]
    private static partial void LogBuilt(ILogger logger, string image, string layout);

    [LoggerMessage(EventId = 3122, Level = LogLevel.Information, Message = "Imported {Image} into containerd")]
    private static partial void LogImported(ILogger logger, string image);

    [LoggerMessage(EventId = 3123, Level = LogLevel.Information, Message = "Pushed {Image} to {Destination}")]
    private static partial void LogPushed(ILogger logger, string image, string destination);
}
