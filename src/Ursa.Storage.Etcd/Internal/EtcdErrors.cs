using Ursa.Grpc;

namespace Ursa.Storage.Etcd.Internal;

/// <summary>etcd's error statuses (server/etcdserver/api/v3rpc/rpctypes) mapped to store errors.</summary>
internal static class EtcdErrors
{
    // mvcc.ErrCompacted and mvcc.ErrFutureRev: both arrive as OutOfRange, told apart by their text.
    private const string Compacted = "required revision has been compacted";
    private const string FutureRevision = "required revision is a future revision";

    public static StoreException Map(GrpcException error) => error.StatusCode switch
    {
        GrpcStatusCode.Unavailable or GrpcStatusCode.DeadlineExceeded => new StoreUnavailableException($"etcd: {error.Detail}", error),
        _ => new EtcdException(error.StatusCode, error.Detail, error),
    };

    public static bool IsCompacted(EtcdException error) =>
        error.StatusCode == GrpcStatusCode.OutOfRange && error.Message.Contains(Compacted, StringComparison.Ordinal);

    public static bool IsFutureRevision(EtcdException error) =>
        error.StatusCode == GrpcStatusCode.OutOfRange && error.Message.Contains(FutureRevision, StringComparison.Ordinal);
}
