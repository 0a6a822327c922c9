using Google.Protobuf;
using Ursa.Grpc;

namespace Ursa.IntegrationTests.Storage.Etcd;

/// <summary>
/// A real channel that, while <see cref="LoseAnswers"/> is above zero, lets a unary call reach etcd and be
/// applied, then throws away etcd's answer and fails the call as a broken connection would: the "unknown
/// outcome" a write meets when a member dies between applying it and answering.
/// </summary>
internal sealed class AnswerLosingChannel(IGrpcChannel inner) : IGrpcChannel
{
    private int _loseAnswers;

    public Uri Target => inner.Target;

    /// <summary>How many of the next unary answers to lose.</summary>
    public int LoseAnswers
    {
        get => Volatile.Read(ref _loseAnswers);
        set => Volatile.Write(ref _loseAnswers, value);
    }

    public async Task<TResponse> UnaryAsync<TRequest, TResponse>(GrpcMethod<TRequest, TResponse> method, TRequest request, CancellationToken cancellationToken)
        where TRequest : IMessage<TRequest>
        where TResponse : IMessage<TResponse>
    {
        TResponse response = await inner.UnaryAsync(method, request, cancellationToken);
        if (Interlocked.Decrement(ref _loseAnswers) >= 0)
        {
            throw new GrpcException(GrpcStatusCode.Unavailable, "connection lost after the request was sent (test)");
        }

        Interlocked.Increment(ref _loseAnswers);
        return response;
    }

    public IAsyncEnumerable<TResponse> ServerStreamingAsync<TRequest, TResponse>(GrpcMethod<TRequest, TResponse> method, TRequest request, CancellationToken cancellationToken)
        where TRequest : IMessage<TRequest>
        where TResponse : IMessage<TResponse> => inner.ServerStreamingAsync(method, request, cancellationToken);

    public IGrpcDuplexCall<TRequest, TResponse> StartDuplex<TRequest, TResponse>(GrpcMethod<TRequest, TResponse> method, CancellationToken cancellationToken)
        where TRequest : IMessage<TRequest>
        where TResponse : class, IMessage<TResponse> => inner.StartDuplex(method, cancellationToken);

    public ValueTask DisposeAsync() => inner.DisposeAsync();
}
