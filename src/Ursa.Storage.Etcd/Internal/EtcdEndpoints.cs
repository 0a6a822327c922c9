using Google.Protobuf;
using Microsoft.Extensions.Logging;
using Ursa.Grpc;

namespace Ursa.Storage.Etcd.Internal;

/// <summary>
/// The cluster's endpoints and which one calls go to. A call that cannot reach its endpoint moves on to the
/// next; when none answers the caller gets <see cref="StoreUnavailableException"/>.
/// </summary>
/// <remarks>
/// Reads (and compaction) are idempotent and fail over on any transport error or timeout. Writes fail over
/// only when the request surely never left (connection refused, stream refused): a write whose connection
/// broke after sending may have been applied, and replaying it could turn a successful create into a
/// spurious "already exists". Such a write fails with <see cref="StoreUnavailableException"/> and the caller
/// re-reads before retrying.
/// </remarks>
internal sealed partial class EtcdEndpoints : IAsyncDisposable
{
    private readonly IReadOnlyList<IGrpcChannel> _channels;
    private readonly TimeSpan _requestTimeout;
    private readonly ILogger _logger;
    private int _current;

    public EtcdEndpoints(IReadOnlyList<IGrpcChannel> channels, TimeSpan requestTimeout, ILogger logger)
    {
        if (channels.Count == 0)
        {
            throw new ArgumentException("at least one etcd channel is required", nameof(channels));
        }

        _channels = channels;
        _requestTimeout = requestTimeout;
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

    /// <summary>Calls <paramref name="method"/> on the current endpoint, failing over as the class remarks say.</summary>
    /// <exception cref="StoreUnavailableException">No endpoint answered.</exception>
    /// <exception cref="GrpcException">etcd answered with an error status (the caller maps it).</exception>
    public async Task<TResponse> CallAsync<TRequest, TResponse>(
        GrpcMethod<TRequest, TResponse> method, TRequest request, bool idempotent, CancellationToken cancellationToken)
        where TRequest : IMessage<TRequest>
        where TResponse : IMessage<TResponse>
    {
        var failures = new List<Exception>();
        for (int attempt = 0; attempt < _channels.Count; attempt++)
        {
            IGrpcChannel channel = Current;
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            deadline.CancelAfter(_requestTimeout);
            try
            {
                return await channel.UnaryAsync(method, request, deadline.Token).ConfigureAwait(false);
            }
            catch (GrpcException error) when (error.StatusCode == GrpcStatusCode.Unavailable && (idempotent || error.RequestNotSent))
            {
                failures.Add(error);
                MarkFailed(channel, error);
            }
            catch (GrpcException error) when (error.StatusCode == GrpcStatusCode.Unavailable)
            {
                // Not replayed here, but the caller's retry should not meet the same broken endpoint.
                MarkFailed(channel, error);
                throw new StoreUnavailableException($"etcd {channel.Target} failed during {method}; the write may or may not have been applied", error);
            }
            catch (OperationCanceledException error) when (!cancellationToken.IsCancellationRequested)
            {
                var timeout = new TimeoutException($"{method} to {channel.Target} took more than {_requestTimeout.TotalSeconds:F0} s", error);
                MarkFailed(channel, timeout);
                if (!idempotent)
                {
                    throw new StoreUnavailableException($"{timeout.Message}; the write may or may not have been applied", timeout);
                }

                failures.Add(timeout);
            }
        }

        throw new StoreUnavailableException(
            $"no etcd endpoint reachable for {method} ({string.Join("; ", failures.Select(f => f.Message))})",
            new AggregateException(failures));
    }

    public async ValueTask DisposeAsync()
    {
        foreach (IGrpcChannel channel in _channels)
        {
            await channel.DisposeAsync().ConfigureAwait(false);
        }
    }

    [LoggerMessage(EventId = 1301, Level = LogLevel.Warning, Message = "etcd endpoint {Failed} failed ({Reason}); moving to {Next}")]
    private static partial void LogEndpointFailed(ILogger logger, Uri failed, Uri next, string reason);
}
