using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Ursa.IntegrationTests.Storage.Etcd;

/// <summary>
/// Keeps what the etcd store logged (Information and above), so a fault test can show and check which of the
/// store's recovery paths a fault went through (endpoint failover, retried writes, writes found landed).
/// </summary>
internal sealed class EtcdStoreLogRecorder : ILoggerProvider, ILoggerFactory
{
    private readonly ConcurrentQueue<(int EventId, string Message)> _entries = new();

    public IReadOnlyList<(int EventId, string Message)> Entries => [.. _entries];

    public int Count(int eventId) => _entries.Count(e => e.EventId == eventId);

    public ILogger CreateLogger(string categoryName) =>
        categoryName.StartsWith("Ursa.Storage.Etcd", StringComparison.Ordinal) ? new Recorder(_entries) : Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;

    public void AddProvider(ILoggerProvider provider)
    {
    }

    public void Dispose()
    {
    }

    private sealed class Recorder(ConcurrentQueue<(int, string)> entries) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                entries.Enqueue((eventId.Id, formatter(state, exception)));
            }
        }
    }
}
