using System.Security.Cryptography;

namespace Ursa.Runtimes.Qemu.Images;

/// <summary>
/// A read-only stream over a download that hashes and counts what passes, fails a read that waits longer than
/// the idle timeout, refuses more than <c>limit</c> bytes, and feeds the progress meter.
/// </summary>
internal sealed class DigestingStream : Stream
{
    private readonly Stream _inner;
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private readonly long _limit;
    private readonly TimeSpan _idleTimeout;
    private readonly TimeProvider _time;
    private readonly ProgressMeter? _progress;

    public DigestingStream(Stream inner, long limit, TimeSpan idleTimeout, TimeProvider time, ProgressMeter? progress)
    {
        _inner = inner;
        _limit = limit;
        _idleTimeout = idleTimeout;
        _time = time;
        _progress = progress;
    }

    public long BytesRead { get; private set; }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => BytesRead; set => throw new NotSupportedException(); }

    /// <summary>Reads to the end (what the consumer left: tar padding, gzip trailer) and returns the digest.</summary>
    public async Task<string> FinishAsync(CancellationToken cancellationToken)
    {
        byte[] buffer = new byte[81920];
        while (await ReadAsync(buffer, cancellationToken).ConfigureAwait(false) > 0)
        {
        }

        return Sha256Digest.Of(_hash);
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        using var idle = new CancellationTokenSource(_idleTimeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, idle.Token);
        int read;
        try
        {
            read = await _inner.ReadAsync(buffer, linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (idle.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"no data received for {_idleTimeout.TotalSeconds:0} s after {BytesRead} bytes");
        }

        Count(buffer.Span[..read]);
        return read;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        int read = _inner.Read(buffer);
        Count(buffer[..read]);
        return read;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _hash.Dispose();
            _inner.Dispose();
        }

        base.Dispose(disposing);
    }

    private void Count(ReadOnlySpan<byte> bytes)
    {
        BytesRead += bytes.Length;
        if (BytesRead > _limit)
        {
            throw new InvalidDataException($"more than the {_limit} bytes expected");
        }

        _hash.AppendData(bytes);
        _progress?.Advance(bytes.Length);
    }
}
