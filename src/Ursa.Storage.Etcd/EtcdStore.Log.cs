using Microsoft.Extensions.Logging;

namespace Ursa.Storage.Etcd;

public sealed partial class EtcdStore
{
    [LoggerMessage(EventId = 1310, Level = LogLevel.Information, Message = "Connected to etcd at {Endpoint}, revision {Revision}")]
    private static partial void LogConnected(ILogger logger, Uri endpoint, long revision);

    [LoggerMessage(EventId = 1311, Level = LogLevel.Information, Message = "Compacted etcd history up to revision {Revision}")]
    private static partial void LogCompacted(ILogger logger, long revision);

    [LoggerMessage(EventId = 1312, Level = LogLevel.Warning, Message = "Watch of {Prefix} broke at revision {Revision} on {Endpoint}; resuming in {DelayMs} ms: {Reason}")]
    private static partial void LogWatchBroken(ILogger logger, string prefix, long revision, Uri endpoint, long delayMs, string reason);

    [LoggerMessage(EventId = 1313, Level = LogLevel.Information, Message = "etcd {Operation} of {Key}: an attempt whose outcome was unknown had landed (mod revision {Revision}); not applied twice")]
    private static partial void LogEarlierAttemptLanded(ILogger logger, string operation, string key, long revision);
}
