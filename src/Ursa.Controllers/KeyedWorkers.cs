using Microsoft.Extensions.Logging;
using Ursa.Client.Queues;
using Ursa.Client.Rest;

namespace Ursa.Controllers;

/// <summary>
/// The worker loop every controller runs over its queue: take a key, reconcile it, forget its back-off on
/// success, re-queue it rate-limited on an API or transport failure. One key is never worked on twice at once
/// (the queue guarantees it), so a reconcile needs no locking of its own.
/// </summary>
internal static partial class KeyedWorkers
{
    /// <summary>
    /// A controller's whole run: waits until its informers have their first lists (a reconcile against a half-filled
    /// cache would create what already exists), runs the workers and any loop of its own beside them until cancelled,
    /// then shuts the queue down. The informers themselves run in <see cref="Client.Informers.SharedInformers"/>.
    /// </summary>
    public static async Task RunControllerAsync(
        WorkQueue<string> queue, IEnumerable<Task> synced, Func<string, CancellationToken, Task> reconcile, string controller, ILogger logger, int workers, CancellationToken cancellationToken, params Func<CancellationToken, Task>[] beside)
    {
        try
        {
            await Task.WhenAll(synced).WaitAsync(cancellationToken).ConfigureAwait(false);
            await Task.WhenAll([RunAsync(queue, reconcile, controller, logger, workers, cancellationToken), .. beside.Select(b => b(cancellationToken))]).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        finally
        {
            queue.ShutDown();
        }
    }

    public static Task RunAsync(WorkQueue<string> queue, Func<string, CancellationToken, Task> reconcile, string controller, ILogger logger, int workers, CancellationToken cancellationToken) =>
        Task.WhenAll(Enumerable.Range(0, workers).Select(_ => WorkAsync(queue, reconcile, controller, logger, cancellationToken)));

    private static async Task WorkAsync(WorkQueue<string> queue, Func<string, CancellationToken, Task> reconcile, string controller, ILogger logger, CancellationToken cancellationToken)
    {
        while (await queue.TakeAsync(cancellationToken).ConfigureAwait(false) is { } key)
        {
            try
            {
                await reconcile(key, cancellationToken).ConfigureAwait(false);
                queue.Forget(key);
            }
            catch (Exception e) when (e is ApiStatusException or HttpRequestException or IOException)
            {
                Log.ReconcileFailed(logger, controller, key, e.Message);
                queue.AddRateLimited(key);
            }
            finally
            {
                queue.Done(key);
            }
        }
    }

    private static partial class Log
    {
        [LoggerMessage(410, LogLevel.Warning, "{Controller} {Key}: reconcile failed ({Reason}); retrying with back-off")]
        public static partial void ReconcileFailed(ILogger logger, string controller, string key, string reason);
    }
}
