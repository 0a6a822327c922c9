using System.Buffers;

namespace Ursa.Client.Rest;

/// <summary>
/// Splits a watch stream into its newline-delimited events as UTF-8 bytes, in one pooled buffer: no string per
/// event and no UTF-8 → UTF-16 transcoding (that, and a <c>JsonDocument</c> per line, were ~15% of the bench
/// process's CPU with <c>StreamReader.ReadLineAsync</c>). A line ends at <c>\n</c>; a <c>\r</c> before it is
/// dropped (CRLF); the last line may end without one. A UTF-8 byte order mark at the start is skipped, as
/// <see cref="StreamReader"/> did. Not thread-safe: one reader per stream.
/// </summary>
internal sealed class WatchLineReader : IDisposable
{
    /// <summary>A pod event is 1–4 KiB; 16 KiB takes several per read and grows (doubling) for longer lines.</summary>
    internal const int InitialBufferSize = 16 * 1024;

    private readonly Stream _stream;
    private byte[] _buffer;
    private int _start;
    private int _end;
    private int _scanned;
    private bool _atStart = true;
    private bool _eof;

    public WatchLineReader(Stream stream, int initialBufferSize = InitialBufferSize)
    {
        _stream = stream;
        _buffer = ArrayPool<byte>.Shared.Rent(initialBufferSize);
    }

    /// <summary>The line <see cref="ReadLineAsync"/> found, without its terminator; valid until the next call.</summary>
    public ReadOnlyMemory<byte> Current { get; private set; }

    /// <summary>Reads the next line into <see cref="Current"/>; false at the end of the stream.</summary>
    public async ValueTask<bool> ReadLineAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var newline = _buffer.AsSpan(_scanned, _end - _scanned).IndexOf((byte)'\n');
            if (newline >= 0)
            {
                var end = _scanned + newline;
                Take(end, end + 1);
                return true;
            }

            _scanned = _end;
            if (_eof)
            {
                if (_start == _end)
                {
                    Current = ReadOnlyMemory<byte>.Empty;
                    return false;
                }

                Take(_end, _end);
                return true;
            }

            MakeRoom();
            var read = await _stream.ReadAsync(_buffer.AsMemory(_end), cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                _eof = true;
            }

            _end += read;
            SkipByteOrderMark();
        }
    }

    public void Dispose()
    {
        var buffer = _buffer;
        _buffer = [];
        _start = _end = _scanned = 0;
        Current = ReadOnlyMemory<byte>.Empty;
        if (buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Makes <see cref="Current"/> the bytes from <c>_start</c> to <paramref name="end"/> (less a trailing CR).</summary>
    private void Take(int end, int next)
    {
        var length = end - _start;
        if (length > 0 && _buffer[end - 1] == (byte)'\r')
        {
            length--;
        }

        Current = _buffer.AsMemory(_start, length);
        _start = _scanned = next;
        _atStart = false;
    }

    /// <summary>Moves the unfinished line to the front, or doubles the buffer when it fills it.</summary>
    private void MakeRoom()
    {
        if (_start == _end)
        {
            _start = _end = _scanned = 0;
            return;
        }

        if (_end < _buffer.Length)
        {
            return;
        }

        var pending = _end - _start;
        var target = _buffer;
        if (pending == _buffer.Length)
        {
            target = ArrayPool<byte>.Shared.Rent(_buffer.Length * 2);
        }

        _buffer.AsSpan(_start, pending).CopyTo(target);
        if (!ReferenceEquals(target, _buffer))
        {
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = target;
        }

        _scanned -= _start;
        _start = 0;
        _end = pending;
    }

    private void SkipByteOrderMark()
    {
        if (!_atStart || (_end - _start < 3 && !_eof))
        {
            return;
        }

        _atStart = false;
        if (_buffer.AsSpan(_start, _end - _start).StartsWith("\uFEFF"u8))
        {
            _start += 3;
            _scanned = Math.Max(_scanned, _start);
        }
    }
}
