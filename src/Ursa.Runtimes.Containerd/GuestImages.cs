using Microsoft.Extensions.Logging;

namespace Ursa.Runtimes.Containerd;

/// <summary>
/// The test guests of <c>scripts/guests</c> as container disks in the local registry, so a VM pod can use
/// <c>ursa.local/guest/busybox:latest</c> with no download (the README tour).
/// </summary>
/// <remarks>
/// <code>
///  scripts/guests/build-busybox-guest.sh OUT  --(cached: ~10 ms; first build ~15 s)--> OUT/busybox-guest.qcow2
///     --umoci (layer disk/disk.qcow2)--> images/disk-guest_busybox_latest --skopeo--> ursa.local/guest/busybox:latest
/// </code>
/// Optional: a host without the scripts or their tools still runs containers; the caller logs the failure.
/// </remarks>
public sealed partial class GuestImages
{
    /// <summary>The busybox guest's build script, relative to the scripts directory's parent (the repository).</summary>
    public const string BusyboxScript = "scripts/guests/build-busybox-guest.sh";

    private readonly LocalImages _images;
    private readonly ICommandRunner _runner;
    private readonly string _root;
    private readonly string _outputDirectory;
    private readonly ILogger _logger;

    /// <summary>Guests built by the scripts under <paramref name="root"/> (the repository or install directory)
    /// into <paramref name="outputDirectory"/>, pushed through <paramref name="images"/>.</summary>
    public GuestImages(LocalImages images, ICommandRunner runner, string root, string outputDirectory, ILogger<GuestImages> logger)
    {
        _images = images ?? throw new ArgumentNullException(nameof(images));
        _runner = runner ?? throw new ArgumentNullException(nameof(runner));
        ArgumentException.ThrowIfNullOrWhiteSpace(root);
        ArgumentException.ThrowIfNullOrWhiteSpace(outputDirectory);
        _root = root;
        _outputDirectory = outputDirectory;
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
    }

    /// <summary>Where built guests are kept by default: <c>${XDG_CACHE_HOME:-~/.cache}/ursa/guests</c>, the
    /// scripts' own cache, shared by every Ursa home on the machine (a build takes ~15 s, a cache hit ~10 ms).</summary>
    public static string DefaultOutputDirectory =>
        Path.Combine(
            Environment.GetEnvironmentVariable("XDG_CACHE_HOME") is { Length: > 0 } cache
                ? cache
                : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache"),
            "ursa",
            "guests");

    /// <summary>The nearest directory at or above <paramref name="start"/> holding <see cref="BusyboxScript"/>
    /// (the binary runs from the repository's <c>.artifacts/bin</c> or a test's <c>bin/</c>), or null.</summary>
    public static string? FindRoot(string start)
    {
        for (DirectoryInfo? directory = new(start); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, BusyboxScript)))
            {
                return directory.FullName;
            }
        }

        return null;
    }

    /// <summary>Builds the busybox guest (or finds it cached) and pushes it as <see cref="LocalImages.BusyboxGuestImage"/>.</summary>
    /// <returns>The disk image file that was pushed.</returns>
    public async Task<string> PublishBusyboxAsync(CancellationToken cancellationToken)
    {
        string script = Path.Combine(_root, BusyboxScript);
        CommandResult build = (await _runner.RunAsync(CommandLine.Of("/bin/bash", script, _outputDirectory), cancellationToken).ConfigureAwait(false)).EnsureSuccess();
        // The script prints the image's path as its last line of stdout.
        string disk = build.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault()
            ?? throw new InvalidOperationException($"'{build.Command}' printed no image path");
        await _images.PushContainerDiskAsync(disk, LocalImages.BusyboxGuestRepository, cancellationToken).ConfigureAwait(false);
        LogPublished(_logger, _images.BusyboxGuestImage, disk);
        return disk;
    }

    [LoggerMessage(EventId = 3141, Level = LogLevel.Information, Message = "VM guest image {Image} ready (disk {Disk})")]
    private static partial void LogPublished(ILogger logger, string image, string disk);
}
