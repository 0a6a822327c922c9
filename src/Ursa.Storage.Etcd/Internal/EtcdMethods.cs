using Ursa.Grpc;
using Ursa.Storage.Etcd.Protocol;

namespace Ursa.Storage.Etcd.Internal;

/// <summary>The etcd v3 RPCs the store calls (paths as in etcd's rpc.proto).</summary>
internal static class EtcdMethods
{
    public static readonly GrpcMethod<RangeRequest, RangeResponse> Range = new("etcdserverpb.KV", "Range", RangeResponse.Parser);
    public static readonly GrpcMethod<PutRequest, PutResponse> Put = new("etcdserverpb.KV", "Put", PutResponse.Parser);
    public static readonly GrpcMethod<TxnRequest, TxnResponse> Txn = new("etcdserverpb.KV", "Txn", TxnResponse.Parser);
    public static readonly GrpcMethod<CompactionRequest, CompactionResponse> Compact = new("etcdserverpb.KV", "Compact", CompactionResponse.Parser);
    public static readonly GrpcMethod<WatchRequest, WatchResponse> Watch = new("etcdserverpb.Watch", "Watch", WatchResponse.Parser);
}
