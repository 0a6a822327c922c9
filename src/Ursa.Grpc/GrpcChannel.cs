using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Runtime.CompilerServices;
using Google.Protobuf;
using Ursa.Grpc.Internal;

namespace Ursa.Grpc;

/// <summary>
/// <see cref="IGrpcChannel"/> over <see cref="SocketsHttpHandler"/>'s HTTP/2: each call is a POST of
/// <c>application/grpc</c> frames on its own stream, multiplexed over one connection (more when the server's
/// stream limit is reached).
/// <code>
///   POST /pkg.Service/Method   te: trailers   content-type: application/grpc
///   body:  [0][len:4][protobuf] ...          (GrpcFrame)
///   reply: HEADERS :status 200, DATA frames, trailers grpc-status / grpc-message
/// </code>
/// </summary>
/// <remarks>
/// The hot path is the etcd store's (one call per API write, ~1,000/s per API server), so a call does no more
/// than HTTP/2 needs: the handler is driven through <see cref="HttpMessageInvoker"/> (HttpClient would add a
/// linked cancellation source and its timeout bookkeeping per call), each method's request <see cref="Uri"/> is
/// built once, headers are added without parsing, and no <see cref="Activity"/> is started for the call (see
/// <see cref="SuppressActivity"/>).
/// </remarks>
public sealed class GrpcChannel : IGrpcChannel
{
    private readonly HttpMessageInvoker _invoker;
    private readonly Uri _baseAddress;
    private readonly int _maxMessageSize;
    private readonly ConcurrentDictionary<string, Uri> _requestUris = new(StringComparer.Ordinal);

    /// <summary>Creates a channel to <paramref name="target"/> (<c>http://host:port</c>, <c>https://host:port</c> or <c>unix:///path</c>).</summary>
    public GrpcChannel(Uri target, GrpcChannelOptions options)
        : this(target, Handler(target, options), options)
    {
    }

    /// <summary>
    /// Creates a channel that sends through <paramref name="handler"/> (a fake in tests, or a custom transport);
    /// requests go to <paramref name="target"/>'s scheme, host and port.
    /// </summary>
    public GrpcChannel(Uri target, HttpMessageHandler handler, GrpcChannelOptions options)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(handler);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Target = target;
        _baseAddress = target.Scheme == "unix" ? new Uri("http://localhost") : target;
        _maxMessageSize = options.MaxReceiveMessageSize;
        // Deadlines are the callers' cancellation tokens: no client-wide timeout (it would also cut watches).
        _invoker = new HttpMessageInvoker(handler, disposeHandler: true);
    }

    /// <inheritdoc />
    public Uri Target { get; }

    /// <inheritdoc />
    public async Task<TResponse> UnaryAsync<TRequest, TResponse>(
        GrpcMethod<TRequest, TResponse> method, TRequest request, CancellationToken cancellationToken)
        where TRequest : IMessage<TRequest>
        where TResponse : IMessage<TResponse>
    {
        ArgumentNullException.ThrowIfNull(method);
        SuppressActivity();
        using HttpRequestMessage message = NewRequest(method.Path, FrameContent(request));
        using GrpcResponseReader reader = await GrpcResponseReader.OpenAsync(
            _invoker.SendAsync(message, cancellationToken), _maxMessageSize, cancellationToken).ConfigureAwait(false);
        byte[] frame = await reader.ReadAsync(cancellationToken).ConfigureAwait(false)
            ?? throw new GrpcException(GrpcStatusCode.Internal, $"{method}: the server sent status OK but no response message");
        if (await reader.ReadAsync(cancellationToken).ConfigureAwait(false) is not null)
        {
            throw new GrpcException(GrpcStatusCode.Internal, $"{method}: the server sent more than one message to a unary call");
        }

        return method.ResponseParser.ParseFrom(frame);
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<TResponse> ServerStreamingAsync<TRequest, TResponse>(
        GrpcMethod<TRequest, TResponse> method, TRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
        where TRequest : IMessage<TRequest>
        where TResponse : IMessage<TResponse>
    {
        ArgumentNullException.ThrowIfNull(method);
        SuppressActivity();
        using HttpRequestMessage message = NewRequest(method.Path, FrameContent(request));
        using GrpcResponseReader reader = await GrpcResponseReader.OpenAsync(
            _invoker.SendAsync(message, cancellationToken), _maxMessageSize, cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false) is { } frame)
        {
            yield return method.ResponseParser.ParseFrom(frame);
        }
    }

    /// <inheritdoc />
    public IGrpcDuplexCall<TRequest, TResponse> StartDuplex<TRequest, TResponse>(
        GrpcMethod<TRequest, TResponse> method, CancellationToken cancellationToken)
        where TRequest : IMessage<TRequest>
        where TResponse : class, IMessage<TResponse>
    {
        ArgumentNullException.ThrowIfNull(method);
        var content = new GrpcStreamingContent();
        HttpRequestMessage message = NewRequest(method.Path, content);
        Activity? caller = Activity.Current;
        SuppressActivity();
        try
        {
            return new GrpcDuplexCall<TRequest, TResponse>(_invoker, method, message, content, _maxMessageSize, cancellationToken);
        }
        finally
        {
            // Not an async method: the caller's activity must be put back by hand.
            Activity.Current = caller;
        }
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        _invoker.Dispose();
        return ValueTask.CompletedTask;
    }

    private static SocketsHttpHandler Handler(Uri target, GrpcChannelOptions options)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        return GrpcHttpHandlerFactory.Create(target, options);
    }

    /// <summary>
    /// Runs the rest of the calling async method (and the HTTP/2 request it starts) outside any
    /// <see cref="Activity"/>. With an activity current (ASP.NET Core starts one per request when logging is on),
    /// SocketsHttpHandler's diagnostics stage starts a child activity per call and writes a <c>traceparent</c>
    /// header into it: an allocation-heavy detour on every etcd write, for trace context that etcd ignores.
    /// An async method's change to <see cref="Activity.Current"/> does not flow back to its caller.
    /// </summary>
    private static void SuppressActivity()
    {
        if (Activity.Current is not null)
        {
            Activity.Current = null;
        }
    }

    private static ByteArrayContent FrameContent(IMessage request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var content = new ByteArrayContent(GrpcFrame.Encode(request));
        content.Headers.TryAddWithoutValidation("Content-Type", GrpcStreamingContent.ContentType);
        return content;
    }

    private HttpRequestMessage NewRequest(string path, HttpContent content)
    {
        Uri uri = _requestUris.GetOrAdd(path, static (p, baseAddress) => new Uri(baseAddress, p), _baseAddress);
        var request = new HttpRequestMessage(HttpMethod.Post, uri)
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = content,
        };
        request.Headers.TryAddWithoutValidation("TE", "trailers");
        return request;
    }
}
