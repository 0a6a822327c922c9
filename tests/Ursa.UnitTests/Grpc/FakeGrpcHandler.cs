using System.Net;
using System.Net.Http.Headers;
using Google.Protobuf;
using Ursa.Grpc;

namespace Ursa.UnitTests.Grpc;

/// <summary>A fake HTTP/2 server side for <see cref="GrpcChannel"/>: records each request and answers with a scripted response.</summary>
internal sealed class FakeGrpcHandler(Func<HttpRequestMessage, byte[], Task<HttpResponseMessage>> respond) : HttpMessageHandler
{
    public List<(HttpRequestMessage Request, byte[] Body)> Requests { get; } = [];

    /// <summary>A gRPC response: 200, the frames of <paramref name="messages"/>, then trailers with <paramref name="status"/>.</summary>
    public static HttpResponseMessage Reply(GrpcStatusCode status, string? message, params IMessage[] messages)
    {
        var response = new HttpResponseMessage(HttpStatusCode.OK)
        {
            Version = HttpVersion.Version20,
            Content = new ByteArrayContent(messages.SelectMany(GrpcFrame.Encode).ToArray()),
        };
        response.Content.Headers.ContentType = new MediaTypeHeaderValue("application/grpc");
        response.TrailingHeaders.TryAddWithoutValidation("grpc-status", ((int)status).ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (message is not null)
        {
            response.TrailingHeaders.TryAddWithoutValidation("grpc-message", message);
        }

        return response;
    }

    /// <summary>A trailers-only response: the status in the headers and no body.</summary>
    public static HttpResponseMessage TrailersOnly(GrpcStatusCode status, string message)
    {
        var response = new HttpResponseMessage(HttpStatusCode.OK) { Version = HttpVersion.Version20, Content = new ByteArrayContent([]) };
        response.Headers.TryAddWithoutValidation("grpc-status", ((int)status).ToString(System.Globalization.CultureInfo.InvariantCulture));
        response.Headers.TryAddWithoutValidation("grpc-message", message);
        return response;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        byte[] body = request.Content is null ? [] : await request.Content.ReadAsByteArrayAsync(cancellationToken);
        Requests.Add((request, body));
        return await respond(request, body).WaitAsync(cancellationToken);
    }
}
