using System.Net.Sockets;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace Ursa.Runtimes.Qemu.Console;

/// <summary>
/// The runtime's side of a VM's serial console. QEMU serves the serial port on a unix socket to one client; the
/// runtime is that client, keeps the console log (CRI format, for <c>kubectl logs</c>), watches for the boot
/// signal, keeps recent history, and fans live output out to any number of attached clients, whose input it
/// forwards to the guest.
/// </summary>
public sealed partial class SerialConsole : IAsyncDisposable
{
    private const int HistoryLimit = 64 * 1024;

    private readonly Socket _socket;
    private readonly CriLogWriter? _log;
    private readonly ILogger _logger;
    private readonly Lock _gate = new();
    private readonly List<Channel<byte[]>> _clients = [];
    private readonly Queue<byte[]> _history = new();
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly CancellationTokenSource _stop = new();
    private int _historyBytes;
    private Task _reader = Task.CompletedTask;

    private SerialConsole(Socket socket, CriLogWriter? log, ILogger logger)
    {
        _socket = socket;
        _log = log;
        _logger = logger;
    }

    /// <summary>Watches console output for the guest's prompt.</summary>
    public BootSignal Boot { get; } = new();

    /// <summary>Raised (on the reader) when the guest first shows a prompt after start or reset.</summary>
    public event Action? Booted;

    /// <summary>Completes when QEMU closed the console (it exited).</summary>
    public Task Completion => _reader;

    /// <summary>Connects to QEMU's serial socket and starts reading.</summary>
    /// <param name="socketPath">QEMU's serial socket.</param>
    /// <param name="logPath">The CRI log file to append to (null: no log).</param>
    /// <param name="time">The clock for log timestamps.</param>
    /// <param name="logger">Logging.</param>
    /// <param name="cancellationToken">Cancels the connect.</param>
    public static async Task<SerialConsole> ConnectAsync(string socketPath, string? logPath, TimeProvider time, ILogger logger, CancellationToken cancellationToken)
    {
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            await socket.ConnectAsync(new UnixDomainSocketEndPoint(socketPath), cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            socket.Dispose();
            throw;
        }

        var console = new SerialConsole(socket, logPath is null ? null : new CriLogWriter(logPath, time), logger);
        console._reader = Task.Run(console.ReadLoopAsync, CancellationToken.None);
        return console;
    }

    /// <summary>
    /// Attaches a client: returns the recent history (up to <paramref name="historyBytes"/>) and a reader of live
    /// output that ends when the console closes or the client detaches (<see cref="Detach"/>).
    /// </summary>
    public (byte[] History, ChannelReader<byte[]> Output, object Handle) Attach(long historyBytes)
    {
        var channel = Channel.CreateBounded<byte[]>(new BoundedChannelOptions(1024) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });
        lock (_gate)
        {
            var history = _history.SelectMany(b => b).ToArray();
            if (history.Length > historyBytes)
            {
                history = history[^(int)Math.Max(0, historyBytes)..];
            }

            if (_reader.IsCompleted)
            {
                channel.Writer.TryComplete();
            }
            else
            {
                _clients.Add(channel);
            }

            return (history, channel.Reader, channel);
        }
    }

    /// <summary>Detaches a client attached with <see cref="Attach"/>.</summary>
    public void Detach(object handle)
    {
        if (handle is not Channel<byte[]> channel)
        {
            return;
        }

        lock (_gate)
        {
            _clients.Remove(channel);
        }

        channel.Writer.TryComplete();
    }

    /// <summary>Types <paramref name="input"/> into the guest's console.</summary>
    public async Task WriteAsync(ReadOnlyMemory<byte> input, CancellationToken cancellationToken)
    {
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await _socket.SendAsync(input, SocketFlags.None, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        _socket.Dispose();
        try
        {
            await _reader.ConfigureAwait(false);
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }

        _log?.Dispose();
        _stop.Dispose();
        _writeLock.Dispose();
    }

    private async Task ReadLoopAsync()
    {
        var buffer = new byte[8192];
        try
        {
            while (true)
            {
                var read = await _socket.ReceiveAsync(buffer, SocketFlags.None, _stop.Token).ConfigureAwait(false);
                if (read == 0)
                {
                    break;
                }

                var chunk = buffer.AsSpan(0, read).ToArray();
                _log?.Write(chunk);
                if (_socket.Available == 0)
                {
                    _log?.Flush();
                }

                if (Boot.Observe(chunk))
                {
                    Booted?.Invoke();
                }

                Publish(chunk);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            Log.ConsoleClosed(_logger, e.Message);
        }
        finally
        {
            _log?.Flush();
            lock (_gate)
            {
                foreach (var client in _clients)
                {
                    client.Writer.TryComplete();
                }

                _clients.Clear();
            }
        }
    }

    private void Publish(byte[] chunk)
    {
        lock (_gate)
        {
            _history.Enqueue(chunk);
            _historyBytes += chunk.Length;
            while (_historyBytes > HistoryLimit && _history.Count > 1)
            {
                _historyBytes -= _history.Dequeue().Length;
            }

            foreach (var client in _clients)
            {
                client.Writer.TryWrite(chunk);
            }
        }
    }

    private static partial class Log
    {
        [LoggerMessage(710, LogLevel.Debug, "Serial console closed: {Reason}")]
        public static partial void ConsoleClosed(ILogger logger, string reason);
    }
}
