using Google.Protobuf;

namespace Ursa.Grpc.Internal;

/// <summary>A duplex call over one HTTP/2 stream: a <see cref="GrpcStreamingContent"/> body and a response reader.</summary>
internal sealed class GrpcDuplexCall<TRequest, TResponse> : IGrpcDuplexCall<TRequest, TResponse>
    where TRequest : IMessage<TRequest>
    where TResponse : class, IMessage<TResponse>
{
    private readonly GrpcMethod<TRequest, TResponse> _method;
    private readonly HttpRequestMessage _request;
    private readonly GrpcStreamingContent _content;
    private readonly CancellationTokenSource _lifetime;
    private readonly Task<HttpResponseMessage> _response;
    private readonly int _maxMessageSize;
    private GrpcResponseReader? _reader;
    private CancellationToken _readToken;
    private CancellationTokenSource? _readLinked;
    private int _disposed;

    public GrpcDuplexCall(HttpMessageInvoker invoker, GrpcMethod<TRequest, TResponse> method, HttpRequestMessage request,
        GrpcStreamingContent content, int maxMessageSize, CancellationToken cancellationToken)
    {
        _method = method;
        _request = request;
        _content = content;
        _maxMessageSize = maxMessageSize;
        _lifetime = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        _response = invoker.SendAsync(request, _lifetime.Token);
    }

    public async ValueTask WriteAsync(TRequest message, CancellationToken cancellationToken)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _lifetime.Token);
        try
        {
            await _content.WriteAsync(GrpcFrame.Encode(message), linked.Token).ConfigureAwait(false);
        }
        catch (System.Threading.Channels.ChannelClosedException error)
        {
            throw new GrpcException(GrpcStatusCode.Cancelled, $"{_method}: the request stream is already complete", error);
        }
    }

    public ValueTask CompleteRequestsAsync()
    {
        _content.Complete();
        return ValueTask.CompletedTask;
    }

    public async ValueTask<TResponse?> ReadAsync(CancellationToken cancellationToken)
    {
        CancellationToken token = ReadToken(cancellationToken);
        _reader ??= await GrpcResponseReader.OpenAsync(_response, _maxMessageSize, token).ConfigureAwait(false);
        byte[]? frame = await _reader.ReadAsync(token).ConfigureAwait(false);
        return frame is null ? null : _method.ResponseParser.ParseFrom(frame);
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        _content.Complete();
        await _lifetime.CancelAsync().ConfigureAwait(false);
        try
        {
            (await _response.ConfigureAwait(false)).Dispose();
        }
        catch (Exception error) when (GrpcErrors.IsTransport(error))
        {
            // The call was cancelled or had already failed; either way it is over.
        }

        _reader?.Dispose();
        _request.Dispose();
        _readLinked?.Dispose();
        _lifetime.Dispose();
    }

    /// <summary>
    /// The caller's token linked with the call's lifetime, kept while the caller passes the same token: a watch
    /// reads one response per event (~1,000/s on a busy API server) with one token for its whole life, and a new
    /// linked source per read was an allocation and two registrations each. Reads are never concurrent.
    /// </summary>
    private CancellationToken ReadToken(CancellationToken cancellationToken)
    {
        if (!cancellationToken.CanBeCanceled)
        {
            return _lifetime.Token;
        }

        if (_readLinked is null || _readToken != cancellationToken)
        {
            _readLinked?.Dispose();
            _readLinked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _lifetime.Token);
            _readToken = cancellationToken;
        }

        return _readLinked.Token;
    }
}
