namespace Ursa.Grpc.Internal;

/// <summary>Maps transport failures (HttpClient, sockets, HTTP/2 resets) to <see cref="GrpcException"/>.</summary>
internal static class GrpcErrors
{
    // HTTP/2 error codes (RFC 9113 section 7) that gRPC maps to statuses (PROTOCOL-HTTP2.md).
    private const long RefusedStream = 0x7;
    private const long Cancel = 0x8;

    /// <summary>
    /// The exception to throw for <paramref name="error"/>: the caller's own cancellation passes through as
    /// <see cref="OperationCanceledException"/>, gRPC errors unchanged, everything else becomes a status.
    /// </summary>
    public static Exception Map(Exception error, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return new OperationCanceledException("the gRPC call was cancelled", error, cancellationToken);
        }

        return error switch
        {
            GrpcException => error,
            HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError or HttpRequestError.SecureConnectionError } request =>
                new GrpcException(GrpcStatusCode.Unavailable, $"cannot connect: {request.Message}", error) { RequestNotSent = true },
            HttpProtocolException { ErrorCode: RefusedStream } =>
                new GrpcException(GrpcStatusCode.Unavailable, "the server refused the stream", error) { RequestNotSent = true },
            HttpProtocolException { ErrorCode: Cancel } => new GrpcException(GrpcStatusCode.Cancelled, "the server cancelled the stream", error),
            HttpProtocolException protocol => new GrpcException(GrpcStatusCode.Internal, $"HTTP/2 error {protocol.ErrorCode}: {protocol.Message}", error),
            HttpRequestException or IOException => new GrpcException(GrpcStatusCode.Unavailable, $"connection failed: {error.Message}", error),
            OperationCanceledException => new GrpcException(GrpcStatusCode.Cancelled, "the call was aborted", error),
            _ => error,
        };
    }

    /// <summary>True for the exceptions <see cref="Map"/> translates (everything but programming errors).</summary>
    public static bool IsTransport(Exception error) =>
        error is GrpcException or HttpRequestException or IOException or OperationCanceledException;
}
