using Ursa.Grpc;
using Ursa.Storage.Etcd.Protocol;

namespace Ursa.Storage.Etcd.Internal;

/// <summary>
/// One etcd watch on its own Watch stream, from a start revision until the stream fails: turns etcd's
/// responses into <see cref="EtcdWatchBatch"/>es and asks for progress every interval.
/// </summary>
/// <remarks>
/// Progress needs care on etcd 3.4. A WatchProgressRequest is answered at once with the store's revision on
/// a control channel that etcd's send loop reads in a random select against the event channel, and even while
/// the watcher is still replaying history (etcd issue 15220, fixed in 3.4.25 and 3.5.8; 3.4.23 is what Debian
/// ships). So an answer R may overtake events at or below R. We hold each answer and pass it on only once at least
/// <see cref="MinimumHold"/> has gone by (counted in answers, one per interval) with no event at or below R: etcd
/// hands a pending event to the stream within milliseconds and a replaying watcher gets a batch every 100 ms, but
/// a replay that waits on a slow disk (a backend commit's fsync) can take far longer than a 200 ms interval, and
/// which is the likely cause of an event lost in CI. The store checks what gets through (<see cref="EtcdStore.WatchAsync"/>). etcd's own
/// periodic notifications (progress_notify, sent only to synced watchers through the event channel) are safe and
/// passed on at once.
/// </remarks>
internal sealed class EtcdWatchSession : IAsyncDisposable
{
    // etcd answers progress requests with watch id -1 (clientv3.InvalidWatchID): "for every watch on the stream".
    private const long AnyWatchId = -1;

    /// <summary>How long an answered progress revision is held before it is passed on (see the remarks).</summary>
    public static readonly TimeSpan MinimumHold = TimeSpan.FromSeconds(1);

    private readonly IGrpcDuplexCall<WatchRequest, WatchResponse> _call;
    private readonly WatchRequest _create;
    private readonly TimeSpan _progressInterval;
    private readonly TimeProvider _timeProvider;
    private readonly CancellationTokenSource _stop = new();
    private Task? _progressLoop;
    private readonly int _answersToConfirm;
    private long? _heldProgress;
    private int _answersSinceHeld;

    public EtcdWatchSession(IGrpcChannel channel, string prefix, long startRevision, TimeSpan progressInterval, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        _call = channel.StartDuplex(EtcdMethods.Watch, cancellationToken);
        _progressInterval = progressInterval;
        _answersToConfirm = Math.Max(1, (int)Math.Ceiling(MinimumHold / progressInterval));
        _timeProvider = timeProvider;
        _create = new WatchRequest
        {
            CreateRequest = new WatchCreateRequest
            {
                Key = EtcdKeys.PrefixStart(prefix),
                RangeEnd = EtcdKeys.PrefixEnd(prefix),
                StartRevision = startRevision,
                PrevKv = true,
                ProgressNotify = true,
            },
        };
    }

    /// <summary>The next response that means something to the caller.</summary>
    /// <exception cref="GrpcException">The stream failed or etcd cancelled the watch.</exception>
    public async Task<EtcdWatchBatch> NextAsync(CancellationToken cancellationToken)
    {
        if (_progressLoop is null)
        {
            await _call.WriteAsync(_create, cancellationToken).ConfigureAwait(false);
            _progressLoop = RequestProgressAsync(_stop.Token);
        }

        while (true)
        {
            WatchResponse response = await _call.ReadAsync(cancellationToken).ConfigureAwait(false)
                ?? throw new GrpcException(GrpcStatusCode.Unavailable, "etcd ended the watch stream");
            if (response.CompactRevision != 0)
            {
                return new EtcdWatchBatch([], 0, response.CompactRevision);
            }

            if (response.Canceled)
            {
                throw new GrpcException(GrpcStatusCode.Unavailable, $"etcd cancelled the watch: {response.CancelReason}");
            }

            if (response.Created)
            {
                continue;
            }

            if (response.Events.Count > 0)
            {
                long first = response.Events[0].Kv.ModRevision;
                if (_heldProgress is { } held && first <= held)
                {
                    _heldProgress = null;
                }

                return new EtcdWatchBatch(Convert(response), 0, 0);
            }

            long revision = EtcdKeys.StoreRevision(response.Header.Revision);
            if (response.WatchId != AnyWatchId)
            {
                return Passed(revision);
            }

            if (_heldProgress is not { } confirmed)
            {
                Hold(revision);
                continue;
            }

            if (++_answersSinceHeld < _answersToConfirm)
            {
                continue;
            }

            Hold(revision);
            return Passed(confirmed);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        if (_progressLoop is not null)
        {
            await _progressLoop.ConfigureAwait(false);
        }

        await _call.DisposeAsync().ConfigureAwait(false);
        _stop.Dispose();
    }

    private void Hold(long revision)
    {
        _heldProgress = revision;
        _answersSinceHeld = 0;
    }

    private static EtcdWatchBatch Passed(long progress) => new([], progress, 0);

    private static List<WatchEvent> Convert(WatchResponse response)
    {
        var events = new List<WatchEvent>(response.Events.Count);
        foreach (Event change in response.Events)
        {
            KeyValue kv = change.Kv;
            if (change.Type == Event.Types.EventType.Delete)
            {
                // The tombstone has only the key and the deletion revision; the value is in prev_kv.
                KeyValue? previous = change.PrevKv;
                events.Add(new WatchEvent(WatchEventType.Deleted, new StoreEntry(
                    kv.Key.ToStringUtf8(), previous?.Value.Memory ?? ReadOnlyMemory<byte>.Empty, previous?.CreateRevision ?? 0, kv.ModRevision)));
            }
            else
            {
                WatchEventType type = kv.CreateRevision == kv.ModRevision ? WatchEventType.Created : WatchEventType.Updated;
                events.Add(new WatchEvent(type, EtcdKeys.ToEntry(kv)));
            }
        }

        return events;
    }

    private async Task RequestProgressAsync(CancellationToken cancellationToken)
    {
        var request = new WatchRequest { ProgressRequest = new WatchProgressRequest() };
        try
        {
            while (true)
            {
                await Task.Delay(_progressInterval, _timeProvider, cancellationToken).ConfigureAwait(false);
                await _call.WriteAsync(request, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception error) when (error is OperationCanceledException or GrpcException)
        {
            // The session is over; its reader sees why.
        }
    }
}
