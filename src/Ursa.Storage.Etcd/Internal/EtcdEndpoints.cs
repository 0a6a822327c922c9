using Google.Protobuf;
using Microsoft.Extensions.Logging;
using Ursa.Grpc;

namespace Ursa.Storage.Etcd.Internal;

/// <summary>
/// The cluster's endpoints, which one calls go to, and the retry policy of a unary call: a call that fails
/// with a transport error, a timeout or etcd's Unavailable moves to the next endpoint and is tried again until
/// it succeeds or its one time budget (<see cref="EtcdStoreOptions.RequestTimeout"/>, shared by all attempts)
/// runs out, or until every endpoint has refused the connection twice in a row (no member running); then the
/// caller gets <see cref="StoreUnavailableException"/>.
/// </summary>
/// <remarks>
/// <para>Reads and compaction are idempotent: a replay is harmless. A write is replayed as-is too, because
/// every write we send is a transaction guarded on the key's create or mod revision, so a replay can never
/// apply twice: if the first attempt landed, the replay's guard fails. What the replay cannot tell by itself is
/// whether that failed guard means "someone else wrote" or "our own first attempt landed", so a write whose
/// earlier attempt may have been applied (the request left, then the connection broke or the deadline passed)
/// is reported with <see cref="EtcdCallResult{T}.EarlierAttemptMayHaveLanded"/> and the caller checks (see
/// EtcdStore.Writes). A request that surely never left (connection refused, stream refused) is not ambiguous.</para>
/// <para>Why retry inside the store: a member killed during a create storm breaks every call in flight on its
/// connection at once; when it was the leader, the survivors answer "request timed out, possibly due to
/// previous leader failure" until one of them wins an election (one election timeout, ~1 s by default).
/// Passing those to API clients as 503s would make every client retry; here they cost one extra round trip.</para>
/// </remarks>
internal sealed partial class EtcdEndpoints : IAsyncDisposable
{
    private static readonly TimeSpan FirstBackoff = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromMilliseconds(500);

    // Every endpoint refusing the connection twice in a row (~50 ms apart) means no member is running: answer
    // at once rather than after the whole request timeout. A member that answers "no leader" or breaks a call
    // is alive, and keeps the call retrying until the timeout.
    private const int RefusedRoundsBeforeGivingUp = 2;

    private readonly IReadOnlyList<IGrpcChannel> _channels;
    private readonly TimeSpan _requestTimeout;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private int _current;

    public EtcdEndpoints(IReadOnlyList<IGrpcChannel> channels, TimeSpan requestTimeout, TimeProvider timeProvider, ILogger logger)
    {
        if (channels.Count == 0)
        {
            throw new ArgumentException("at least one etcd channel is required", nameof(channels));
        }

        _channels = channels;
        _requestTimeout = requestTimeout;
        _timeProvider = timeProvider;
        _logger = logger;
    }

    /// <summary>The endpoint calls go to now.</summary>
    public IGrpcChannel Current => _channels[Volatile.Read(ref _current) % _channels.Count];

    /// <summary>Moves on from <paramref name="failed"/> to the next endpoint (no-op if another call already did).</summary>
    public void MarkFailed(IGrpcChannel failed, Exception error)
    {
        int index = Volatile.Read(ref _current);
        if (ReferenceEquals(_channels[index % _channels.Count], failed)
            && Interlocked.CompareExchange(ref _current, (index + 1) % _channels.Count, index) == index)
        {
            LogEndpointFailed(_logger, failed.Target, _channels[(index + 1) % _channels.Count].Target, error.Message);
        }
    }

    /// <summary>Calls <paramref name="method"/>, retrying as the class remarks say.</summary>
    /// <exception cref="StoreUnavailableException">No endpoint answered within the request timeout.</exception>
    /// <exception cref="GrpcException">etcd answered with an error status that a retry would not change (the caller maps it).</exception>
    public async Task<EtcdCallResult<TResponse>> CallAsync<TRequest, TResponse>(
        GrpcMethod<TRequest, TResponse> method, TRequest request, CancellationToken cancellationToken)
        where TRequest : IMessage<TRequest>
        where TResponse : IMessage<TResponse>
    {
        long started = _timeProvider.GetTimestamp();

        // One source for the call's deadline and the caller's cancellation (a linked source would add a second
        // source per call, ~1,000 calls/s on a busy API server); the caller's own cancellation is still told apart
        // through cancellationToken.
        using var budget = new CancellationTokenSource(_requestTimeout, _timeProvider);
        using CancellationTokenRegistration link = cancellationToken.UnsafeRegister(static source => ((CancellationTokenSource)source!).Cancel(), budget);
        List<string>? failures = null;
        bool mayHaveLanded = false;
        int refusedInRound = 0;
        int refusedRounds = 0;
        TimeSpan backoff = FirstBackoff;
        for (int attempt = 0; ; attempt++)
        {
            IGrpcChannel channel = Current;
            Exception failure;
            try
            {
                TResponse response = await channel.UnaryAsync(method, request, budget.Token).ConfigureAwait(false);
                if (attempt > 0)
                {
                    LogRetrySucceeded(_logger, method.ToString(), channel.Target, attempt, mayHaveLanded);
                }

                return new EtcdCallResult<TResponse>(response, mayHaveLanded);
            }
            catch (GrpcException error) when (IsRetryable(error))
            {
                failure = error;
                mayHaveLanded |= !error.RequestNotSent;
            }
            catch (OperationCanceledException error) when (!cancellationToken.IsCancellationRequested)
            {
                failure = new TimeoutException($"{method} to {channel.Target} got no answer", error);
                mayHaveLanded = true;
            }

            (failures ??= []).Add($"{channel.Target}: {failure.Message}");
            MarkFailed(channel, failure);
            refusedInRound += failure is GrpcException { RequestNotSent: true } ? 1 : 0;
            bool roundEnded = (attempt + 1) % _channels.Count == 0;
            if (roundEnded)
            {
                refusedRounds = refusedInRound == _channels.Count ? refusedRounds + 1 : 0;
                refusedInRound = 0;
            }

            TimeSpan elapsed = _timeProvider.GetElapsedTime(started);
            if ((budget.IsCancellationRequested && !cancellationToken.IsCancellationRequested) || elapsed + backoff >= _requestTimeout || refusedRounds >= RefusedRoundsBeforeGivingUp)
            {
                string outcome = mayHaveLanded ? "; the write may or may not have been applied" : string.Empty;
                string what = refusedRounds >= RefusedRoundsBeforeGivingUp
                    ? $"no etcd member accepted a connection for {method}"
                    : $"etcd did not complete {method} within {_requestTimeout.TotalSeconds:0.#} s";
                throw new StoreUnavailableException($"{what} ({attempt + 1} attempts; last: {failures[^1]}){outcome}", failure);
            }

            // A full round of failed endpoints: the cluster is electing or down, so pause before the next round.
            if (roundEnded)
            {
                await Task.Delay(backoff, _timeProvider, cancellationToken).ConfigureAwait(false);
                backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, MaxBackoff.Ticks));
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (IGrpcChannel channel in _channels)
        {
            await channel.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Transport failures and etcd's own Unavailable family (no leader, leader changed, request timed out,
    /// server stopped: rpctypes in etcd 3.4) may succeed on another member or a moment later.
    /// </summary>
    private static bool IsRetryable(GrpcException error) =>
        error.StatusCode is GrpcStatusCode.Unavailable or GrpcStatusCode.DeadlineExceeded;

    [LoggerMessage(EventId = 1301, Level = LogLevel.Warning, Message = "etcd endpoint {Failed} failed ({Reason}); moving to {Next}")]
    private static partial void LogEndpointFailed(ILogger logger, Uri failed, Uri next, string reason);

    [LoggerMessage(EventId = 1302, Level = LogLevel.Information, Message = "{Method} succeeded on {Endpoint} after {Retries} retries (an earlier attempt may have landed: {MayHaveLanded})")]
    private static partial void LogRetrySucceeded(ILogger logger, string method, Uri endpoint, int retries, bool mayHaveLanded);
}
