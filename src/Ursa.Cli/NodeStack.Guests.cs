using Microsoft.Extensions.Logging;
using Ursa.Runtimes.Containerd;

namespace Ursa.Cli;

// The VM test guest beside managed containerd: ursa.local/guest/busybox:latest, built by scripts/guests.
public sealed partial class NodeStack
{
    /// <summary>Builds (or finds cached) the busybox guest and pushes it to the local registry. Never throws:
    /// a node without the scripts or their tools still runs containers, so a failure is a warning.</summary>
    private static async Task PublishGuestImagesAsync(ManagedContainerd containerd, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        ILogger logger = loggers.CreateLogger<NodeStack>();
        string? root = GuestImages.FindRoot(AppContext.BaseDirectory);
        if (root is null)
        {
            LogGuestScriptsMissing(logger, containerd.Images.BusyboxGuestImage, GuestImages.BusyboxScript, AppContext.BaseDirectory);
            return;
        }

        try
        {
            var guests = new GuestImages(containerd.Images, ProcessCommandRunner.Instance, root, GuestImages.DefaultOutputDirectory, loggers.CreateLogger<GuestImages>());
            _ = await guests.PublishBusyboxAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        catch (Exception e) when (e is CommandFailedException or IOException or InvalidOperationException or ArgumentException or UnauthorizedAccessException or System.ComponentModel.Win32Exception)
        {
            LogGuestFailed(logger, containerd.Images.BusyboxGuestImage, e.Message);
        }
    }

    [LoggerMessage(EventId = 1401, Level = LogLevel.Warning, Message = "VM guest image {Image} not available: {Script} not found above {Directory}; containers are unaffected")]
    private static partial void LogGuestScriptsMissing(ILogger logger, string image, string script, string directory);

    [LoggerMessage(EventId = 1402, Level = LogLevel.Warning, Message = "VM guest image {Image} not available (containers are unaffected; run scripts/setup.sh for the guest build tools): {Reason}")]
    private static partial void LogGuestFailed(ILogger logger, string image, string reason);
}
