namespace Ursa.Cli.Commands;

/// <summary>
/// Input that ends at an escape byte: what comes before it is read through, then <paramref name="onEscape"/> runs
/// and the stream reads as ended. With no escape byte it is the inner stream as is.
/// </summary>
internal sealed class EscapeStream(Stream inner, byte? escape, Action onEscape) : Stream
{
    private bool _escaped;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Cut(buffer.AsSpan(offset, count), inner.Read(buffer, offset, count));

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (_escaped)
        {
            return 0;
        }

        var count = await inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        return Cut(buffer.Span, count);
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    private int Cut(Span<byte> read, int count)
    {
        if (_escaped)
        {
            return 0;
        }

        var at = escape is { } e ? read[..count].IndexOf(e) : -1;
        if (at < 0)
        {
            return count;
        }

        _escaped = true;
        onEscape();
        return at;
    }
}
