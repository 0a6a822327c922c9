using Microsoft.Extensions.Logging;

namespace Ursa.NodeAgent.Streaming;

public sealed partial class NodeStreamingServer
{
    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "Node streaming server listening on {Address}:{Port}")]
        public static partial void Listening(ILogger logger, string address, int port);

        [LoggerMessage(2, LogLevel.Debug, "Logs of {Container} (follow {Follow})")]
        public static partial void ServingLogs(ILogger logger, string container, bool follow);

        [LoggerMessage(3, LogLevel.Debug, "{Kind} session on {Container} started ({Protocol})")]
        public static partial void SessionStarted(ILogger logger, string kind, string container, string protocol);

        [LoggerMessage(4, LogLevel.Debug, "{Kind} session on {Container} ended with exit code {ExitCode}")]
        public static partial void SessionEnded(ILogger logger, string kind, string container, int exitCode);

        [LoggerMessage(5, LogLevel.Warning, "Streaming request {Path} failed")]
        public static partial void Failed(ILogger logger, string path, Exception exception);
    }
}
