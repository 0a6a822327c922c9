using Microsoft.Extensions.Logging;
using Ursa.Storage;

namespace Ursa.ApiServer.Hosting;

/// <summary>
/// Compacts the store's history on a timer, keeping one interval of it (Kubernetes compacts every 5 minutes):
/// enough for watchers to resume after a short disconnect, bounded so history does not grow without end.
/// </summary>
public sealed partial class Compactor(IStore store, TimeSpan interval, TimeProvider time, ILogger<Compactor> logger)
{
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        long previous = 0;
        using var timer = new PeriodicTimer(interval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                try
                {
                    if (previous > 0)
                    {
                        await store.CompactAsync(previous, cancellationToken).ConfigureAwait(false);
                        Log.Compacted(logger, previous);
                    }

                    previous = await store.GetCurrentRevisionAsync(cancellationToken).ConfigureAwait(false);
                }
                catch (StoreException e)
                {
                    Log.Failed(logger, e);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private static partial class Log
    {
        [LoggerMessage(30, LogLevel.Debug, "Compacted store history up to revision {Revision}")]
        public static partial void Compacted(ILogger logger, long revision);

        [LoggerMessage(31, LogLevel.Warning, "Compaction failed; retrying next interval")]
        public static partial void Failed(ILogger logger, Exception exception);
    }
}
