using Google.Protobuf;

namespace Ursa.Grpc;

/// <summary>
/// A connection to one gRPC server that can carry many concurrent calls (HTTP/2 streams). The seam callers
/// depend on, so they can be tested with a fake.
/// </summary>
/// <remarks>
/// Deadlines are cancellation tokens: a cancelled token aborts the call's HTTP/2 stream and the call throws
/// <see cref="OperationCanceledException"/>. Every other failure is a <see cref="GrpcException"/>: a status
/// from the server, or <see cref="GrpcStatusCode.Unavailable"/> when the server could not be reached or the
/// connection broke. All members are safe to call concurrently.
/// </remarks>
public interface IGrpcChannel : IAsyncDisposable
{
    /// <summary>The server this channel talks to.</summary>
    Uri Target { get; }

    /// <summary>One request, one response.</summary>
    Task<TResponse> UnaryAsync<TRequest, TResponse>(
        GrpcMethod<TRequest, TResponse> method, TRequest request, CancellationToken cancellationToken)
        where TRequest : IMessage<TRequest>
        where TResponse : IMessage<TResponse>;

    /// <summary>One request, a stream of responses that ends when the server completes the call.</summary>
    IAsyncEnumerable<TResponse> ServerStreamingAsync<TRequest, TResponse>(
        GrpcMethod<TRequest, TResponse> method, TRequest request, CancellationToken cancellationToken)
        where TRequest : IMessage<TRequest>
        where TResponse : IMessage<TResponse>;

    /// <summary>
    /// Opens a bidirectional stream. The call is live until it is disposed or <paramref name="cancellationToken"/>
    /// is cancelled.
    /// </summary>
    IGrpcDuplexCall<TRequest, TResponse> StartDuplex<TRequest, TResponse>(
        GrpcMethod<TRequest, TResponse> method, CancellationToken cancellationToken)
        where TRequest : IMessage<TRequest>
        where TResponse : class, IMessage<TResponse>;
}
