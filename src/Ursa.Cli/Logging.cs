using Microsoft.Extensions.Logging;

namespace Ursa.Cli;

/// <summary>Console logging for foreground commands.</summary>
public static class Logging
{
    public static ILoggerFactory Create(LogLevel level) => LoggerFactory.Create(builder => builder
        .SetMinimumLevel(level)
        .AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.TimestampFormat = "HH:mm:ss.fff ";
        }));
}
