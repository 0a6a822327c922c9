using Google.Protobuf;

namespace Ursa.Grpc;

/// <summary>
/// One RPC of a service: its HTTP/2 path (<c>/package.Service/Method</c>) and how to parse its responses.
/// Requests serialize themselves (<see cref="IMessage"/>).
/// </summary>
/// <typeparam name="TRequest">The request message type.</typeparam>
/// <typeparam name="TResponse">The response message type.</typeparam>
public sealed class GrpcMethod<TRequest, TResponse>
    where TRequest : IMessage<TRequest>
    where TResponse : IMessage<TResponse>
{
    /// <summary>Describes <c>/{service}/{method}</c>, e.g. service <c>etcdserverpb.KV</c>, method <c>Range</c>.</summary>
    public GrpcMethod(string service, string method, MessageParser<TResponse> responseParser)
    {
        ArgumentException.ThrowIfNullOrEmpty(service);
        ArgumentException.ThrowIfNullOrEmpty(method);
        ArgumentNullException.ThrowIfNull(responseParser);
        Path = $"/{service}/{method}";
        ResponseParser = responseParser;
    }

    /// <summary>The request path, e.g. <c>/etcdserverpb.KV/Range</c>.</summary>
    public string Path { get; }

    /// <summary>Parses one response message.</summary>
    public MessageParser<TResponse> ResponseParser { get; }

    /// <inheritdoc />
    public override string ToString() => Path;
}
