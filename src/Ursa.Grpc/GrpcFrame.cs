using System.Buffers.Binary;
using Google.Protobuf;

namespace Ursa.Grpc;

/// <summary>
/// gRPC's length-prefixed message framing (grpc/doc/PROTOCOL-HTTP2.md): 1 byte compressed-flag, 4 bytes
/// big-endian length, then the protobuf bytes. We never negotiate compression, so the flag is always 0.
/// </summary>
public static class GrpcFrame
{
    /// <summary>Bytes before each message: the compressed flag and the length.</summary>
    public const int HeaderLength = 5;

    /// <summary>Serializes <paramref name="message"/> into one frame.</summary>
    public static byte[] Encode(IMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        int size = message.CalculateSize();
        byte[] frame = new byte[HeaderLength + size];
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(1, 4), (uint)size);
        message.WriteTo(frame.AsSpan(HeaderLength));
        return frame;
    }

    /// <summary>
    /// Reads the next frame's payload from <paramref name="stream"/>; null at a clean end of stream (no byte of a
    /// next frame).
    /// </summary>
    /// <exception cref="GrpcException"><see cref="GrpcStatusCode.Internal"/> for a truncated or compressed frame,
    /// <see cref="GrpcStatusCode.ResourceExhausted"/> for one larger than <paramref name="maxMessageSize"/>.</exception>
    public static ValueTask<byte[]?> ReadAsync(Stream stream, int maxMessageSize, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stream);
        return ReadAsync(stream, new byte[HeaderLength], maxMessageSize, cancellationToken);
    }

    /// <summary>As <see cref="ReadAsync(Stream, int, CancellationToken)"/>, reading the header into <paramref name="header"/>
    /// (a call's own <see cref="HeaderLength"/>-byte buffer, reused for each of its frames).</summary>
    internal static async ValueTask<byte[]?> ReadAsync(Stream stream, byte[] header, int maxMessageSize, CancellationToken cancellationToken)
    {
        int read = await stream.ReadAtLeastAsync(header, HeaderLength, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
        if (read == 0)
        {
            return null;
        }

        if (read < HeaderLength)
        {
            throw new GrpcException(GrpcStatusCode.Internal, $"stream ended inside a frame header ({read} of {HeaderLength} bytes)");
        }

        if (header[0] != 0)
        {
            throw new GrpcException(GrpcStatusCode.Internal, $"compressed-flag {header[0]} on a call that negotiated no compression");
        }

        uint length = BinaryPrimitives.ReadUInt32BigEndian(header.AsSpan(1));
        if (length > (uint)maxMessageSize)
        {
            throw new GrpcException(GrpcStatusCode.ResourceExhausted, $"message of {length} bytes exceeds the limit of {maxMessageSize}");
        }

        byte[] payload = new byte[length];
        read = await stream.ReadAtLeastAsync(payload, payload.Length, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
        if (read < payload.Length)
        {
            throw new GrpcException(GrpcStatusCode.Internal, $"stream ended inside a message ({read} of {length} bytes)");
        }

        return payload;
    }
}
