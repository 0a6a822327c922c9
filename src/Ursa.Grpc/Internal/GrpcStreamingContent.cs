using System.Net;
using System.Threading.Channels;

namespace Ursa.Grpc.Internal;

/// <summary>
/// A request body that stays open and sends each queued frame as soon as it is written: the request half of
/// a duplex call. HttpClient's HTTP/2 runs it concurrently with the response.
/// </summary>
internal sealed class GrpcStreamingContent : HttpContent
{
    /// <summary>The content type of every gRPC request body (no <c>+proto</c> suffix: protobuf is the default).</summary>
    public const string ContentType = "application/grpc";

    // 16 queued frames: a watch sends a handful of small requests; more would only hide a stuck connection.
    private readonly Channel<byte[]> _frames = Channel.CreateBounded<byte[]>(new BoundedChannelOptions(16) { SingleReader = true });

    public GrpcStreamingContent() => Headers.TryAddWithoutValidation("Content-Type", ContentType);

    public ValueTask WriteAsync(byte[] frame, CancellationToken cancellationToken) => _frames.Writer.WriteAsync(frame, cancellationToken);

    public void Complete() => _frames.Writer.TryComplete();

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        await foreach (byte[] frame in _frames.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            await stream.WriteAsync(frame, cancellationToken).ConfigureAwait(false);
            await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override bool TryComputeLength(out long length)
    {
        length = -1;
        return false;
    }

    protected override void Dispose(bool disposing)
    {
        Complete();
        base.Dispose(disposing);
    }
}
