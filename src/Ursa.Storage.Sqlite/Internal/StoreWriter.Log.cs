using Microsoft.Extensions.Logging;

namespace Ursa.Storage.Sqlite.Internal;

internal sealed partial class StoreWriter
{
    [LoggerMessage(EventId = 1101, Level = LogLevel.Error, Message = "Write batch of {Count} failed with SQLite error {Code}; rolled back")]
    private static partial void LogBatchFailed(ILogger logger, int count, int code, Exception error);

    [LoggerMessage(EventId = 1102, Level = LogLevel.Warning, Message = "Write batch of {Count} took {ElapsedMs} ms")]
    private static partial void LogSlowBatch(ILogger logger, int count, long elapsedMs);

    [LoggerMessage(EventId = 1103, Level = LogLevel.Error, Message = "Compaction of revisions ({From}, {To}] failed with SQLite error {Code}")]
    private static partial void LogCompactionFailed(ILogger logger, long from, long to, int code, Exception error);

    [LoggerMessage(EventId = 1104, Level = LogLevel.Information, Message = "Compacted history up to revision {Revision}")]
    private static partial void LogCompacted(ILogger logger, long revision);
}
