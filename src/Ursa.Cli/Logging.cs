using Microsoft.Extensions.Logging;

namespace Ursa.Cli;

/// <summary>Console logging for foreground commands.</summary>
public static class Logging
{
    public static ILoggerFactory Create(LogLevel level) => LoggerFactory.Create(builder => builder
        .SetMinimumLevel(level)

        // Per-request lines from ASP.NET Core would drown Ursa's own at thousands of requests per second.
        .AddFilter("Microsoft", level <= LogLevel.Debug ? LogLevel.Information : LogLevel.Warning)
        .AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.TimestampFormat = "HH:mm:ss.fff ";
        }));
}
