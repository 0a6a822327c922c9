using System.Threading.Channels;
using Google.Protobuf;
using Ursa.Grpc;
using Ursa.Storage.Etcd.Protocol;

namespace Ursa.UnitTests.Storage.Etcd;

/// <summary>
/// A channel whose Watch streams answer what the test scripts: etcd's side of a watch. Each stream the client
/// opens takes the next <see cref="Stream"/> in order; nothing but Watch is supported.
/// </summary>
internal sealed class ScriptedWatchChannel : IGrpcChannel
{
    private readonly List<ScriptedStream> _streams = [];
    private int _opened;

    public Uri Target { get; } = new("http://127.0.0.1:2379");

    /// <summary>Streams opened so far.</summary>
    public int Opened => Volatile.Read(ref _opened);

    /// <summary>The <paramref name="index"/>th stream the client opens (0 first), scripted ahead or after.</summary>
    public ScriptedStream Stream(int index)
    {
        lock (_streams)
        {
            while (_streams.Count <= index)
            {
                _streams.Add(new ScriptedStream());
            }

            return _streams[index];
        }
    }

    public IGrpcDuplexCall<TRequest, TResponse> StartDuplex<TRequest, TResponse>(GrpcMethod<TRequest, TResponse> method, CancellationToken cancellationToken)
        where TRequest : IMessage<TRequest>
        where TResponse : class, IMessage<TResponse> =>
        (IGrpcDuplexCall<TRequest, TResponse>)(object)Stream(Interlocked.Increment(ref _opened) - 1);

    public Task<TResponse> UnaryAsync<TRequest, TResponse>(GrpcMethod<TRequest, TResponse> method, TRequest request, CancellationToken cancellationToken)
        where TRequest : IMessage<TRequest>
        where TResponse : IMessage<TResponse> => throw new NotSupportedException();

    public IAsyncEnumerable<TResponse> ServerStreamingAsync<TRequest, TResponse>(GrpcMethod<TRequest, TResponse> method, TRequest request, CancellationToken cancellationToken)
        where TRequest : IMessage<TRequest>
        where TResponse : IMessage<TResponse> => throw new NotSupportedException();

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    /// <summary>One Watch stream: the requests the client sent, and the responses the test writes.</summary>
    internal sealed class ScriptedStream : IGrpcDuplexCall<WatchRequest, WatchResponse>
    {
        private readonly Channel<WatchResponse> _responses = Channel.CreateUnbounded<WatchResponse>();
        private readonly TaskCompletionSource<WatchCreateRequest> _created = new(TaskCreationOptions.RunContinuationsAsynchronously);

        /// <summary>The watch the client asked for on this stream.</summary>
        public Task<WatchCreateRequest> Created => _created.Task;

        public async Task SendAsync(params WatchResponse[] responses)
        {
            foreach (var response in responses)
            {
                await _responses.Writer.WriteAsync(response);
            }
        }

        /// <summary>Breaks the stream as a lost connection would: the client's next read fails with Unavailable.</summary>
        public void Break() => _responses.Writer.TryComplete(new GrpcException(GrpcStatusCode.Unavailable, "scripted: connection lost"));

        public ValueTask WriteAsync(WatchRequest message, CancellationToken cancellationToken)
        {
            if (message.CreateRequest is { } create)
            {
                _created.TrySetResult(create);
            }

            return ValueTask.CompletedTask;
        }

        public ValueTask CompleteRequestsAsync() => ValueTask.CompletedTask;

        public async ValueTask<WatchResponse?> ReadAsync(CancellationToken cancellationToken)
        {
            try
            {
                return await _responses.Reader.ReadAsync(cancellationToken);
            }
            catch (ChannelClosedException closed) when (closed.InnerException is GrpcException broken)
            {
                throw broken;
            }
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
