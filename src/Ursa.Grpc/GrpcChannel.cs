using System.Net;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using Google.Protobuf;
using Ursa.Grpc.Internal;

namespace Ursa.Grpc;

/// <summary>
/// <see cref="IGrpcChannel"/> over <see cref="HttpClient"/>'s HTTP/2: each call is a POST of
/// <c>application/grpc</c> frames on its own stream, multiplexed over one connection (more when the server's
/// stream limit is reached).
/// <code>
///   POST /pkg.Service/Method   te: trailers   content-type: application/grpc
///   body:  [0][len:4][protobuf] ...          (GrpcFrame)
///   reply: HEADERS :status 200, DATA frames, trailers grpc-status / grpc-message
/// </code>
/// </summary>
public sealed class GrpcChannel : IGrpcChannel
{
    private readonly HttpClient _client;
    private readonly Uri _baseAddress;
    private readonly int _maxMessageSize;

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
        _client = new HttpClient(handler, disposeHandler: true)
        {
            // Deadlines are the callers' cancellation tokens; a client-wide timeout would also cut watches.
            Timeout = Timeout.InfiniteTimeSpan,
            DefaultRequestVersion = HttpVersion.Version20,
            DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
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
        using HttpRequestMessage message = NewRequest(method.Path, FrameContent(request));
        using GrpcResponseReader reader = await GrpcResponseReader.OpenAsync(
            _client.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, cancellationToken), _maxMessageSize, cancellationToken).ConfigureAwait(false);
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
        using HttpRequestMessage message = NewRequest(method.Path, FrameContent(request));
        using GrpcResponseReader reader = await GrpcResponseReader.OpenAsync(
            _client.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, cancellationToken), _maxMessageSize, cancellationToken).ConfigureAwait(false);
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
        return new GrpcDuplexCall<TRequest, TResponse>(_client, method, message, content, _maxMessageSize, cancellationToken);
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        _client.Dispose();
        return ValueTask.CompletedTask;
    }

    private static SocketsHttpHandler Handler(Uri target, GrpcChannelOptions options)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        return GrpcHttpHandlerFactory.Create(target, options);
    }

    private static ByteArrayContent FrameContent(IMessage request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var content = new ByteArrayContent(GrpcFrame.Encode(request));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/grpc");
        return content;
    }

    private HttpRequestMessage NewRequest(string path, HttpContent content)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(_baseAddress, path))
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = content,
        };
        request.Headers.TE.Add(new TransferCodingWithQualityHeaderValue("trailers"));
        return request;
    }
}
