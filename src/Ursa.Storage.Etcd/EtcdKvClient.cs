using Google.Protobuf;
using Ursa.Grpc;
using Ursa.Storage.Etcd.Internal;
using Ursa.Storage.Etcd.Protocol;

namespace Ursa.Storage.Etcd;

/// <summary>
/// Plain etcd KV.Put on one endpoint, with no store semantics (no guard, no retry): the raw baseline that
/// <c>ursa bench etcd-ratio</c> compares Ursa's create path against, over the same gRPC transport.
/// </summary>
public sealed class EtcdKvClient(Uri endpoint) : IAsyncDisposable
{
    private readonly GrpcChannel _channel = new(endpoint, new GrpcChannelOptions());

    /// <summary>Puts <paramref name="value"/> at <paramref name="key"/> and returns the revision etcd assigned.</summary>
    /// <exception cref="GrpcException">etcd or the transport failed.</exception>
    public async Task<long> PutAsync(string key, ReadOnlyMemory<byte> value, CancellationToken cancellationToken)
    {
        var request = new PutRequest { Key = EtcdKeys.Key(key), Value = ByteString.CopyFrom(value.Span) };
        PutResponse response = await _channel.UnaryAsync(EtcdMethods.Put, request, cancellationToken).ConfigureAwait(false);
        return response.Header.Revision;
    }

    /// <summary>Closes the connection.</summary>
    public ValueTask DisposeAsync() => _channel.DisposeAsync();
}
