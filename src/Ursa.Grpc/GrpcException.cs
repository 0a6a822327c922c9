namespace Ursa.Grpc;

/// <summary>A gRPC call ended with a status other than <see cref="GrpcStatusCode.OK"/>.</summary>
public sealed class GrpcException(GrpcStatusCode statusCode, string detail, Exception? inner = null)
    : Exception($"gRPC status {statusCode}: {detail}", inner)
{
    /// <summary>The status code from the <c>grpc-status</c> trailer (or the one the client inferred).</summary>
    public GrpcStatusCode StatusCode { get; } = statusCode;

    /// <summary>The decoded <c>grpc-message</c>, or the client's own description.</summary>
    public string Detail { get; } = detail;

    /// <summary>
    /// True when the request surely never reached the server (connection refused, name or TLS failure, stream
    /// refused): safe to retry elsewhere even when the call is not idempotent.
    /// </summary>
    public bool RequestNotSent { get; init; }
}
