using Microsoft.Extensions.Logging;

namespace Ursa.Qmp;

public sealed partial class QmpClient
{
    [LoggerMessage(EventId = 2600, Level = LogLevel.Information, Message = "QMP connected to {Path}: QEMU {Version}")]
    private static partial void LogConnected(ILogger logger, string path, string version);

    [LoggerMessage(EventId = 2601, Level = LogLevel.Debug, Message = "QMP {Command} #{Id} answered in {ElapsedMs:0.0} ms")]
    private static partial void LogAnswered(ILogger logger, string command, long id, double elapsedMs);

    [LoggerMessage(EventId = 2602, Level = LogLevel.Debug, Message = "QMP {Command} #{Id} refused: {ErrorClass}: {Description}")]
    private static partial void LogRefused(ILogger logger, string command, long id, string errorClass, string description);

    [LoggerMessage(EventId = 2603, Level = LogLevel.Debug, Message = "QMP event {Event} {Data}")]
    private static partial void LogEvent(ILogger logger, string @event, string data);

    [LoggerMessage(EventId = 2604, Level = LogLevel.Warning, Message = "QMP connection {Path} lost: {Reason}")]
    private static partial void LogConnectionLost(ILogger logger, string path, string reason);

    [LoggerMessage(EventId = 2605, Level = LogLevel.Debug, Message = "QMP {Path}: message matches no pending command: {Line}")]
    private static partial void LogUnmatched(ILogger logger, string path, string line);

    [LoggerMessage(EventId = 2606, Level = LogLevel.Debug, Message = "QMP passed a file descriptor as {FdName} to {Path}")]
    private static partial void LogDescriptorSent(ILogger logger, string fdName, string path);

    [LoggerMessage(EventId = 2607, Level = LogLevel.Debug, Message = "QMP {Path}: event {Event} came before the greeting; passed over")]
    private static partial void LogEventBeforeGreeting(ILogger logger, string path, string @event);
}
