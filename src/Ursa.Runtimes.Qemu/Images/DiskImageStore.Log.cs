using Microsoft.Extensions.Logging;

namespace Ursa.Runtimes.Qemu.Images;

public sealed partial class DiskImageStore
{
    [LoggerMessage(EventId = 4201, Level = LogLevel.Information, Message = "Pulled disk image {Reference} as {Id} ({Format}, {Bytes} bytes) in {ElapsedMs:0} ms")]
    private static partial void LogPulled(ILogger logger, string reference, string id, DiskFormat format, long bytes, double elapsedMs);

    [LoggerMessage(EventId = 4202, Level = LogLevel.Information, Message = "Disk image {Reference} unchanged: {Id}")]
    private static partial void LogNotModified(ILogger logger, string reference, string id);

    [LoggerMessage(EventId = 4203, Level = LogLevel.Debug, Message = "Pull of {Reference} joins the one in flight")]
    private static partial void LogJoined(ILogger logger, string reference);

    [LoggerMessage(EventId = 4204, Level = LogLevel.Information, Message = "Removed disk image {Id} (asked: {Asked})")]
    private static partial void LogRemoved(ILogger logger, string id, string asked);

    [LoggerMessage(EventId = 4205, Level = LogLevel.Information, Message = "Created overlay {Overlay} over {Id}")]
    private static partial void LogOverlayCreated(ILogger logger, string overlay, string id);
}
