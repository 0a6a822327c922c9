using System.Threading.Channels;
using Google.Protobuf;
using Ursa.Grpc;
using Ursa.Storage.Etcd.Protocol;

namespace Ursa.UnitTests.Storage.Etcd;

/// <summary>
/// A channel whose one Watch stream answers what the test writes into <see cref="Responses"/>: etcd's side of a
/// watch, scripted. Requests the session sends are kept in <see cref="Requests"/>; nothing else is supported.
/// </summary>
internal sealed class ScriptedWatchChannel : IGrpcChannel
{
    private readonly Channel<WatchResponse> _responses = Channel.CreateUnbounded<WatchResponse>();

    public Uri Target { get; } = new("http://127.0.0.1:2379");

    public List<WatchRequest> Requests { get; } = [];

    public ChannelWriter<WatchResponse> Responses => _responses.Writer;

    public IGrpcDuplexCall<TRequest, TResponse> StartDuplex<TRequest, TResponse>(GrpcMethod<TRequest, TResponse> method, CancellationToken cancellationToken)
        where TRequest : IMessage<TRequest>
        where TResponse : class, IMessage<TResponse> =>
        (IGrpcDuplexCall<TRequest, TResponse>)(object)new Call(this);

    public Task<TResponse> UnaryAsync<TRequest, TResponse>(GrpcMethod<TRequest, TResponse> method, TRequest request, CancellationToken cancellationToken)
        where TRequest : IMessage<TRequest>
        where TResponse : IMessage<TResponse> => throw new NotSupportedException();

    public IAsyncEnumerable<TResponse> ServerStreamingAsync<TRequest, TResponse>(GrpcMethod<TRequest, TResponse> method, TRequest request, CancellationToken cancellationToken)
        where TRequest : IMessage<TRequest>
        where TResponse : IMessage<TResponse> => throw new NotSupportedException();

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private sealed class Call(ScriptedWatchChannel channel) : IGrpcDuplexCall<WatchRequest, WatchResponse>
    {
        public ValueTask WriteAsync(WatchRequest message, CancellationToken cancellationToken)
        {
            lock (channel.Requests)
            {
                channel.Requests.Add(message);
            }

            return ValueTask.CompletedTask;
        }

        public ValueTask CompleteRequestsAsync() => ValueTask.CompletedTask;

        public async ValueTask<WatchResponse?> ReadAsync(CancellationToken cancellationToken) =>
            await channel._responses.Reader.ReadAsync(cancellationToken);

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
