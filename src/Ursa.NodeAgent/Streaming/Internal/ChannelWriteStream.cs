namespace Ursa.NodeAgent.Streaming.Internal;

/// <summary>A write-only stream whose every write is one message on one channel (stdout, stderr or stdin).</summary>
internal sealed class ChannelWriteStream(ChannelSender sender, byte channel, CancellationToken sessionAborted) : Stream
{
    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (buffer.IsEmpty)
        {
            return;
        }

        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, sessionAborted);
        await sender.SendAsync(channel, buffer, linked.Token).ConfigureAwait(false);
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    // Every write is already a sent message.
    public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public override void Flush()
    {
    }

    /// <summary>Synchronous writes would block a thread on the network; the session is asynchronous only.</summary>
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException("channel streams are written with WriteAsync");

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();
}
