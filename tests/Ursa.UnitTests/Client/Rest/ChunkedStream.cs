namespace Ursa.UnitTests.Client.Rest;

/// <summary>A read-only stream that hands out the given chunks one read at a time, as a network stream would.</summary>
internal sealed class ChunkedStream(params byte[][] chunks) : Stream
{
    private int _chunk;
    private int _offset;

    /// <summary>Reads that returned data (each returns at most one chunk).</summary>
    public int Reads { get; private set; }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        if (_chunk == chunks.Length || buffer.Length == 0)
        {
            return 0;
        }

        var rest = chunks[_chunk].AsSpan(_offset);
        var n = Math.Min(rest.Length, buffer.Length);
        rest[..n].CopyTo(buffer);
        _offset += n;
        if (_offset == chunks[_chunk].Length)
        {
            _chunk++;
            _offset = 0;
        }

        Reads++;
        return n;
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(Read(buffer.Span));
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
