using System.Buffers;

namespace Ursa.NodeAgent.Streaming;

/// <summary>
/// Serves <c>kubectl logs</c> from a CRI container log file (see <see cref="CriLogLine"/>): tail, since,
/// timestamps, byte limit, and follow (keep reading as the runtime appends, until the container stops).
/// </summary>
/// <remarks>
/// Follow polls the file's end every <see cref="FollowPollInterval"/> rather than using inotify: one read
/// syscall per follower per 100 ms is ~10 syscalls/s per <c>kubectl logs -f</c>, and it works the same on
/// every filesystem (overlay, tmpfs, NFS). Log rotation is not followed yet: a follower keeps the inode it
/// opened.
/// </remarks>
public sealed class CriLogFile
{
    /// <summary>How often a follower looks for new output.</summary>
    public static readonly TimeSpan FollowPollInterval = TimeSpan.FromMilliseconds(100);

    // Output is gathered and written in pieces of about this size: one write per line would cost a network
    // flush per line on a long log; a follower still gets each batch as soon as the file has no more.
    private const int OutputBatch = 32 * 1024;

    private readonly Stream _log;
    private readonly LogRequest _request;
    private readonly Stream _output;
    private readonly DateTimeOffset? _since;
    private readonly ArrayBufferWriter<byte> _pending = new(OutputBatch);
    private byte[] _buffer = new byte[64 * 1024];
    private int _start;
    private int _end;
    private long _remaining;

    private CriLogFile(Stream log, LogRequest request, Stream output, TimeProvider time)
    {
        _log = log;
        _request = request;
        _output = output;
        _remaining = request.LimitBytes ?? long.MaxValue;
        _since = request.SinceSeconds is { } seconds ? time.GetUtcNow() - TimeSpan.FromSeconds(seconds) : null;
    }

    /// <summary>Copies the log at <paramref name="path"/> (opened shared: the runtime keeps writing it).</summary>
    /// <param name="path">The CRI log file.</param>
    /// <param name="request">Tail, since, timestamps, limit and follow.</param>
    /// <param name="output">Where the text goes.</param>
    /// <param name="stopped">With follow: completes when the container stops; the rest of the file is sent, then the copy ends.</param>
    /// <param name="time">The clock (since, poll interval).</param>
    /// <param name="cancellationToken">Ends the copy (the client went away).</param>
    public static async Task CopyAsync(string path, LogRequest request, Stream output, Task stopped, TimeProvider time, CancellationToken cancellationToken)
    {
        FileStream log;
        try
        {
            log = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 4096, useAsync: true);
        }
        catch (FileNotFoundException)
        {
            throw PodStreamingException.NotFound($"no log for container {request.Target.Container} in pod {request.Target.Pod}: {path} does not exist");
        }

        await using (log.ConfigureAwait(false))
        {
            await CopyAsync(log, request, output, stopped, time, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Copies a CRI log from a readable, seekable stream that may keep growing.</summary>
    public static async Task CopyAsync(Stream log, LogRequest request, Stream output, Task stopped, TimeProvider time, CancellationToken cancellationToken)
    {
        if (request.TailLines is { } tail)
        {
            log.Position = await FindTailStartAsync(log, tail, cancellationToken).ConfigureAwait(false);
        }

        await new CriLogFile(log, request, output, time).RunAsync(stopped, time, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The offset where the last <paramref name="lines"/> lines begin (a line is entries up to an F entry), found
    /// in one forward pass keeping only the last lines+1 line starts.
    /// </summary>
    internal static async Task<long> FindTailStartAsync(Stream log, long lines, CancellationToken cancellationToken)
    {
        log.Position = 0;
        if (lines == 0)
        {
            return log.Length;
        }

        var starts = new Queue<long>();
        starts.Enqueue(0);
        var buffer = new byte[64 * 1024];
        var position = 0L;
        var tag = TagScan.Start;
        int read;
        while ((read = await log.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
        {
            for (var i = 0; i < read; i++, position++)
            {
                var b = buffer[i];
                if (b == (byte)'\n')
                {
                    // An entry ended; it ends a line if tagged F (P continues the line, garbage is not shown).
                    if (tag == TagScan.Full)
                    {
                        starts.Enqueue(position + 1);
                        if (starts.Count > lines + 1)
                        {
                            starts.Dequeue();
                        }
                    }

                    tag = TagScan.Start;
                    continue;
                }

                tag = (tag, b) switch
                {
                    (TagScan.Start, (byte)' ') => TagScan.Stream,
                    (TagScan.Stream, (byte)' ') => TagScan.Tag,
                    (TagScan.Tag, (byte)'F') => TagScan.Full,
                    (TagScan.Tag, _) => TagScan.Other,
                    _ => tag,
                };
            }
        }

        // The last start is where the next (unwritten) line will begin; the first kept is N lines before it.
        return starts.Count > lines ? starts.Peek() : 0;
    }

    private async Task RunAsync(Task stopped, TimeProvider time, CancellationToken cancellationToken)
    {
        var stoppedSeen = false;
        while (true)
        {
            if (_end == _buffer.Length)
            {
                MakeRoom();
            }

            var read = await _log.ReadAsync(_buffer.AsMemory(_end), cancellationToken).ConfigureAwait(false);
            if (read > 0)
            {
                _end += read;
                if (!ProcessLines())
                {
                    break;
                }

                if (_pending.WrittenCount >= OutputBatch)
                {
                    await FlushAsync(cancellationToken).ConfigureAwait(false);
                }

                continue;
            }

            await FlushAsync(cancellationToken).ConfigureAwait(false);
            if (!_request.Follow || stoppedSeen)
            {
                break;
            }

            if (stopped.IsCompleted)
            {
                // One more pass: the runtime may have written the last output just before the container stopped.
                stoppedSeen = true;
                continue;
            }

            await Task.WhenAny(Task.Delay(FollowPollInterval, time, cancellationToken), stopped).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
        }

        // A last entry without its newline: the runtime was cut off mid-write; show what there is.
        if (_remaining > 0 && _end > _start)
        {
            Emit(_buffer.AsMemory(_start, _end - _start));
            _start = _end;
        }

        await FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Emits every complete entry in the buffer; false once the byte limit is reached.</summary>
    private bool ProcessLines()
    {
        while (_remaining > 0)
        {
            var newline = _buffer.AsSpan(_start, _end - _start).IndexOf((byte)'\n');
            if (newline < 0)
            {
                return true;
            }

            Emit(_buffer.AsMemory(_start, newline));
            _start += newline + 1;
        }

        return false;
    }

    private void Emit(ReadOnlyMemory<byte> raw)
    {
        // Malformed entries are skipped, as the kubelet does: one bad line must not hide the rest.
        if (!CriLogLine.TryParse(raw, out var entry) || (_since is { } since && (!entry.TryGetTimestamp(out var at) || at < since)))
        {
            return;
        }

        if (_request.Timestamps)
        {
            Write(entry.RawTimestamp.Span);
            Write(" "u8);
        }

        Write(entry.Content.Span);
        if (!entry.Partial)
        {
            Write("\n"u8);
        }
    }

    private void Write(ReadOnlySpan<byte> bytes)
    {
        var take = (int)Math.Min(bytes.Length, _remaining);
        _pending.Write(bytes[..take]);
        _remaining -= take;
    }

    private async Task FlushAsync(CancellationToken cancellationToken)
    {
        if (_pending.WrittenCount > 0)
        {
            await _output.WriteAsync(_pending.WrittenMemory, cancellationToken).ConfigureAwait(false);
            _pending.ResetWrittenCount();
        }
    }

    /// <summary>Where a forward scan is within an entry: enough to tell a P entry from an F one.</summary>
    private enum TagScan
    {
        Start,
        Stream,
        Tag,
        Full,
        Other,
    }

    /// <summary>Moves unconsumed bytes to the front, or doubles the buffer for an entry longer than it.</summary>
    private void MakeRoom()
    {
        if (_start == 0)
        {
            Array.Resize(ref _buffer, _buffer.Length * 2);
            return;
        }

        _buffer.AsSpan(_start, _end - _start).CopyTo(_buffer);
        _end -= _start;
        _start = 0;
    }
}
