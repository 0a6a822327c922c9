using Ursa.Grpc;

namespace Ursa.Storage.Etcd;

/// <summary>etcd refused a request for a reason that retrying will not fix (e.g. a value over its request size limit).</summary>
public sealed class EtcdException(GrpcStatusCode statusCode, string message, Exception? inner = null)
    : StoreException($"etcd: {message} ({statusCode})", inner)
{
    /// <summary>The gRPC status etcd answered with.</summary>
    public GrpcStatusCode StatusCode { get; } = statusCode;
}
