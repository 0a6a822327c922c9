using Microsoft.Extensions.Logging;

namespace Ursa.Storage.Sqlite;

public sealed partial class SqliteStore
{
    [LoggerMessage(EventId = 1001, Level = LogLevel.Information,
        Message = "Opened store {Path} at revision {Revision} (compacted {Compacted}, SQLite {SqliteVersion})")]
    private static partial void LogOpened(ILogger logger, string path, long revision, long compacted, int sqliteVersion);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Information, Message = "Closed store {Path} at revision {Revision}")]
    private static partial void LogClosed(ILogger logger, string path, long revision);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Debug,
        Message = "Watch on {Prefix} fell behind at revision {Revision}; catching up from the log")]
    private static partial void LogWatchOverflow(ILogger logger, string prefix, long revision);
}
