using System.Runtime.CompilerServices;
using Ursa.Grpc;
using Ursa.Storage.Etcd.Internal;
using Ursa.Storage.Etcd.Protocol;

namespace Ursa.Storage.Etcd;

public sealed partial class EtcdStore
{
    private static readonly TimeSpan MaxWatchRetryDelay = TimeSpan.FromSeconds(2);

    /// <inheritdoc />
    /// <remarks>
    /// One etcd Watch stream per call, from <paramref name="afterRevision"/>. When the stream fails (member
    /// down, connection lost, leader change) the watch moves to the next endpoint and resumes after the last
    /// event it delivered, with a backoff from <see cref="EtcdStoreOptions.WatchRetryDelay"/> to 2 s, for as
    /// long as the caller keeps reading: etcd keeps history until compaction, so nothing is missed unless the
    /// resume point has been compacted meanwhile (then <see cref="RevisionCompactedException"/>).
    /// <para>Progress is held back as <see cref="EtcdWatchSession"/> explains. It is checked, not trusted: a resume
    /// replays from the last event rather than the last progress, and an event at or below a progress already
    /// reported (in the same stream or on resume) ends the watch with <see cref="WatchProgressOvertakenException"/>,
    /// so the caller relists instead of going on with a gap. Only when the last event's history has been compacted
    /// does a resume start from the last progress.</para>
    /// </remarks>
    public async IAsyncEnumerable<WatchEvent> WatchAsync(
        string prefix, long afterRevision, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        ArgumentOutOfRangeException.ThrowIfNegative(afterRevision);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) == 1, this);
        using var lifetime = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _disposing.Token);
        CancellationToken token = lifetime.Token;
        long delivered = afterRevision; // every event up to here has been passed on (as events or as progress)
        long lastEvent = afterRevision; // the last event passed on: where a resume replays from
        bool resumeFromProgress = false; // lastEvent's history was compacted: resume from delivered instead
        TimeSpan delay = _options.WatchRetryDelay;
        while (true)
        {
            IGrpcChannel channel = _endpoints.Current;
            Exception? failure = null;
            bool restart = false;

            // Start one revision early and drop it: etcd reports compaction only for a start revision below the
            // compaction point, while the contract fails a watch whose afterRevision is below it (the events at
            // the compaction revision itself may be gone: etcd drops a tombstone at that revision). Start 0
            // would mean "now" to etcd, hence 1.
            long skipThrough = resumeFromProgress ? delivered : lastEvent;
            await using (var session = new EtcdWatchSession(channel, prefix, Math.Max(1, skipThrough), _options.WatchProgressInterval, _timeProvider, token))
            {
                while (failure is null && !restart)
                {
                    EtcdWatchBatch batch;
                    try
                    {
                        batch = await session.NextAsync(token).ConfigureAwait(false);
                    }
                    catch (GrpcException error) when (IsRetryable(error) && !token.IsCancellationRequested)
                    {
                        failure = error;
                        continue;
                    }
                    catch (OperationCanceledException error) when (!cancellationToken.IsCancellationRequested)
                    {
                        throw new StoreUnavailableException("the etcd store was disposed", error);
                    }

                    if (batch.CompactRevision != 0)
                    {
                        if (skipThrough < delivered)
                        {
                            // The replay from the last event is gone; the progress since is all there is to go on.
                            resumeFromProgress = restart = true;
                            continue;
                        }

                        throw new RevisionCompactedException(delivered, batch.CompactRevision);
                    }

                    delay = _options.WatchRetryDelay;
                    foreach (WatchEvent change in batch.Events)
                    {
                        if (change.Revision <= skipThrough)
                        {
                            continue;
                        }

                        if (change.Revision <= delivered)
                        {
                            throw new WatchProgressOvertakenException(change.Revision, delivered);
                        }

                        delivered = lastEvent = change.Revision;
                        resumeFromProgress = false;
                        yield return change;
                    }

                    if (batch.Progress > delivered)
                    {
                        delivered = batch.Progress;
                        yield return new WatchEvent(WatchEventType.Progress, new StoreEntry(string.Empty, ReadOnlyMemory<byte>.Empty, 0, delivered));
                    }
                }
            }

            if (restart)
            {
                continue;
            }

            _endpoints.MarkFailed(channel, failure!);
            LogWatchBroken(_logger, prefix, delivered, channel.Target, (long)delay.TotalMilliseconds, failure!.Message);
            try
            {
                await Task.Delay(delay, _timeProvider, token).ConfigureAwait(false);
            }
            catch (OperationCanceledException error) when (!cancellationToken.IsCancellationRequested)
            {
                throw new StoreUnavailableException("the etcd store was disposed", error);
            }

            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, MaxWatchRetryDelay.Ticks));
        }
    }

    private static bool IsRetryable(GrpcException error) => error.StatusCode is
        GrpcStatusCode.Unavailable or GrpcStatusCode.Internal or GrpcStatusCode.Unknown or GrpcStatusCode.Cancelled;

    /// <summary>
    /// etcd's "compacted" error does not say where the compaction point is; a watch from the compacted
    /// revision does (its compact_revision), so ask one. 0 when that fails.
    /// </summary>
    private async Task<long> ReadCompactedRevisionAsync(long requested, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(_options.RequestTimeout);
        try
        {
            await using IGrpcDuplexCall<WatchRequest, WatchResponse> call = _endpoints.Current.StartDuplex(EtcdMethods.Watch, deadline.Token);
            var create = new WatchCreateRequest { Key = EtcdKeys.Zero, StartRevision = Math.Max(1, requested) };
            await call.WriteAsync(new WatchRequest { CreateRequest = create }, deadline.Token).ConfigureAwait(false);
            while (await call.ReadAsync(deadline.Token).ConfigureAwait(false) is { } response)
            {
                if (response.CompactRevision != 0)
                {
                    return response.CompactRevision;
                }
            }
        }
        catch (Exception error) when (error is GrpcException || (error is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            // Best effort: the caller still reports the revision as compacted.
        }

        return 0;
    }
}
