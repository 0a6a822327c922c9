namespace Ursa.Grpc;

/// <summary>A bidirectional-streaming call in progress.</summary>
/// <remarks>
/// One writer and one reader may work at the same time (the two directions are independent); concurrent
/// writes or concurrent reads are not allowed. Disposing cancels the call if it has not ended.
/// </remarks>
public interface IGrpcDuplexCall<in TRequest, TResponse> : IAsyncDisposable
    where TResponse : class
{
    /// <summary>Sends one message; completes when it is handed to the HTTP/2 connection.</summary>
    ValueTask WriteAsync(TRequest message, CancellationToken cancellationToken);

    /// <summary>Ends the request stream (half-close); the server may keep sending.</summary>
    ValueTask CompleteRequestsAsync();

    /// <summary>
    /// The next response, or null when the server ended the call with status OK.
    /// </summary>
    /// <exception cref="GrpcException">The call ended with another status or the connection failed.</exception>
    ValueTask<TResponse?> ReadAsync(CancellationToken cancellationToken);
}
