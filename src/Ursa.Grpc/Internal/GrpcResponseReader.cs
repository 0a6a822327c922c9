using System.Net;

namespace Ursa.Grpc.Internal;

/// <summary>
/// The response side of any call: checks the headers (HTTP status, trailers-only errors), reads frames, and at
/// the end of the body turns the trailers into success or a <see cref="GrpcException"/>.
/// </summary>
internal sealed class GrpcResponseReader : IDisposable
{
    private readonly HttpResponseMessage _response;
    private readonly Stream _body;
    private readonly int _maxMessageSize;
    private readonly GrpcCallStatus? _trailersOnly;
    private readonly byte[] _header = new byte[GrpcFrame.HeaderLength];

    private GrpcResponseReader(HttpResponseMessage response, Stream body, int maxMessageSize, GrpcCallStatus? trailersOnly)
    {
        _response = response;
        _body = body;
        _maxMessageSize = maxMessageSize;
        _trailersOnly = trailersOnly;
    }

    /// <summary>Waits for the response headers of <paramref name="response"/> and checks them.</summary>
    public static async Task<GrpcResponseReader> OpenAsync(Task<HttpResponseMessage> response, int maxMessageSize, CancellationToken cancellationToken)
    {
        HttpResponseMessage message;
        try
        {
            message = await response.ConfigureAwait(false);
        }
        catch (Exception error) when (GrpcErrors.IsTransport(error))
        {
            throw GrpcErrors.Map(error, cancellationToken);
        }

        try
        {
            if (message.StatusCode != HttpStatusCode.OK)
            {
                throw new GrpcException(GrpcCallStatus.FromHttpStatus(message.StatusCode), $"HTTP status {(int)message.StatusCode} instead of a gRPC response");
            }

            // Trailers-only: an error (or an empty OK stream) sends grpc-status in the only HEADERS frame.
            GrpcCallStatus? trailersOnly = GrpcCallStatus.From(message.Headers);
            trailersOnly?.ThrowIfError();
            Stream body = await message.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            return new GrpcResponseReader(message, body, maxMessageSize, trailersOnly);
        }
        catch (Exception error) when (GrpcErrors.IsTransport(error))
        {
            message.Dispose();
            throw GrpcErrors.Map(error, cancellationToken);
        }
    }

    /// <summary>The next message's bytes, or null when the call ended with status OK.</summary>
    public async ValueTask<byte[]?> ReadAsync(CancellationToken cancellationToken)
    {
        byte[]? frame;
        try
        {
            frame = await GrpcFrame.ReadAsync(_body, _header, _maxMessageSize, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception error) when (GrpcErrors.IsTransport(error))
        {
            throw GrpcErrors.Map(error, cancellationToken);
        }

        if (frame is null)
        {
            GrpcCallStatus status = _trailersOnly
                ?? GrpcCallStatus.From(_response.TrailingHeaders)
                ?? new GrpcCallStatus(GrpcStatusCode.Unknown, "the server ended the call without a grpc-status");
            status.ThrowIfError();
        }

        return frame;
    }

    public void Dispose() => _response.Dispose();
}
