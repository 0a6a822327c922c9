using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Ursa.Qmp.Internal;

namespace Ursa.Qmp;

/// <summary>
/// A QMP client on QEMU's unix socket (<c>-qmp unix:PATH,server=on,wait=off</c>).
/// </summary>
/// <remarks>
/// <code>
///  callers ──ExecuteAsync──▶ [write lock] ──{"execute":..,"id":N}\n──▶ QEMU
///     ▲                                                                  │
///     └── pending[N] ◀── reader loop ◀── {"return"|"error":..,"id":N} ───┤
///  subscribers ◀── QmpEventHub ◀────────── {"event":..,"data":..} ───────┘
/// </code>
/// One writer at a time, one reader loop for the connection's life; replies are matched by id, so concurrent
/// callers are safe. When the connection ends, every pending call fails with <see cref="QmpConnectionException"/>,
/// event streams end and <see cref="Closed"/> completes.
/// </remarks>
public sealed partial class QmpClient : IQmpClient
{
    private const int MaxEventsBeforeGreeting = 16;

    private readonly string _path;
    private readonly Socket _socket;
    private readonly NetworkStream _stream;
    private readonly StreamReader _reader;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly Lock _pendingLock = new();
    private readonly Dictionary<long, PendingCommand> _pending = [];
    private readonly QmpEventHub _events = new();
    private readonly TaskCompletionSource _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _stopping = new();
    private Exception? _closeReason;
    private long _nextId;
    private Task _readLoop = Task.CompletedTask;

    private QmpClient(string path, Socket socket, NetworkStream stream, StreamReader reader, QmpVersion version, ILogger logger, TimeProvider timeProvider)
    {
        _path = path;
        _socket = socket;
        _stream = stream;
        _reader = reader;
        Version = version;
        _logger = logger;
        TimeProvider = timeProvider;
    }

    public QmpVersion Version { get; }

    public TimeProvider TimeProvider { get; }

    public Task Closed => _closed.Task;

    /// <summary>
    /// Connects to QEMU's QMP socket, reads the greeting and leaves capabilities negotiation
    /// (<c>qmp_capabilities</c>), so commands can be sent.
    /// </summary>
    /// <remarks>
    /// QEMU serves one QMP client per socket at a time: a second client is accepted but gets no greeting until
    /// the first leaves, so give <paramref name="cancellationToken"/> a deadline.
    /// </remarks>
    public static async Task<QmpClient> ConnectAsync(string unixSocketPath, ILogger? logger = null, TimeProvider? timeProvider = null, CancellationToken cancellationToken = default)
    {
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        QmpClient? client = null;
        try
        {
            await socket.ConnectAsync(new UnixDomainSocketEndPoint(unixSocketPath), cancellationToken);
            var stream = new NetworkStream(socket, ownsSocket: true);
            var reader = new StreamReader(stream, new UTF8Encoding(false), detectEncodingFromByteOrderMarks: false, bufferSize: 16 * 1024, leaveOpen: true);
            logger ??= NullLogger.Instance;
            var version = await ReadGreetingAsync(reader, unixSocketPath, logger, cancellationToken);
            client = new QmpClient(unixSocketPath, socket, stream, reader, version, logger, timeProvider ?? TimeProvider.System);
            client._readLoop = Task.Run(client.ReadLoopAsync, CancellationToken.None);
            await client.ExecuteAsync("qmp_capabilities", null, cancellationToken);
            LogConnected(client._logger, unixSocketPath, version.ToString());
            return client;
        }
        catch
        {
            if (client is not null)
            {
                await client.DisposeAsync();
            }
            else
            {
                socket.Dispose();
            }

            throw;
        }
    }

    /// <summary>
    /// The greeting's version. QEMU can send an event ahead of its greeting (seen with 7.2: a <c>RESUME</c> from the
    /// guest starting while the client connects), so a few leading events are logged and passed over; anything else
    /// first is refused.
    /// </summary>
    private static async Task<QmpVersion> ReadGreetingAsync(StreamReader reader, string path, ILogger logger, CancellationToken cancellationToken)
    {
        for (var skipped = 0; ; skipped++)
        {
            var line = await reader.ReadLineAsync(cancellationToken)
                ?? throw new QmpConnectionException($"QMP socket {path} closed before the greeting");
            if (skipped < MaxEventsBeforeGreeting && QmpWire.EventName(line) is { } name)
            {
                LogEventBeforeGreeting(logger, path, name);
                continue;
            }

            return QmpWire.Greeting(line);
        }
    }

    public Task<JsonNode?> ExecuteAsync(string command, JsonObject? arguments = null, CancellationToken cancellationToken = default) =>
        ExecuteCoreAsync(command, arguments, fd: null, cancellationToken);

    public QmpEventWaiter ExpectEvent(string name, Func<QmpEvent, bool>? match = null) => _events.ExpectEvent(name, match);

    public IAsyncEnumerable<QmpEvent> ReadEventsAsync(CancellationToken cancellationToken = default) => _events.ReadEventsAsync(cancellationToken);

    public async Task SendFileDescriptorAsync(string fdName, int fd, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(fd);
        await ExecuteCoreAsync("getfd", new JsonObject { ["fdname"] = fdName }, fd, cancellationToken);
        LogDescriptorSent(_logger, fdName, _path);
    }

    public async ValueTask DisposeAsync()
    {
        Abort(new QmpConnectionException($"QMP client for {_path} was disposed"), lost: false);
        try
        {
            await _readLoop;
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException or OperationCanceledException)
        {
            // The loop ends by cancellation or a closed socket; either way it has already aborted everything.
        }

        _reader.Dispose();
        await _stream.DisposeAsync();
        _socket.Dispose();
        _stopping.Dispose();
    }

    private async Task<JsonNode?> ExecuteCoreAsync(string command, JsonObject? arguments, int? fd, CancellationToken cancellationToken)
    {
        var id = Interlocked.Increment(ref _nextId);
        var pending = new PendingCommand(command, TimeProvider.GetTimestamp());
        lock (_pendingLock)
        {
            if (_closeReason is { } reason)
            {
                throw ConnectionEnded(command, reason);
            }

            // Registered before the write: the reply can arrive before WriteAsync returns.
            _pending.Add(id, pending);
        }

        try
        {
            await WriteAsync(QmpWire.Command(command, arguments, id), command, fd, cancellationToken);
            var value = await pending.Reply.WaitAsync(cancellationToken);
            LogAnswered(_logger, command, id, TimeProvider.GetElapsedTime(pending.StartedAt).TotalMilliseconds);
            return value;
        }
        catch (QmpException ex)
        {
            LogRefused(_logger, command, id, ex.Class, ex.Description);
            throw;
        }
        finally
        {
            lock (_pendingLock)
            {
                _pending.Remove(id);
            }
        }
    }

    private async Task WriteAsync(byte[] message, string command, int? fd, CancellationToken cancellationToken)
    {
        await _writeLock.WaitAsync(cancellationToken);
        try
        {
            // Cancelled before a byte went out: a plain cancellation, the connection is intact.
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                if (fd is { } descriptor)
                {
                    await SendWithDescriptorAsync(message, descriptor, cancellationToken);
                }
                else
                {
                    await _stream.WriteAsync(message, cancellationToken);
                }
            }
            catch (OperationCanceledException)
            {
                // Cancelled part-way through a message: QEMU may hold half a command, so nothing after it can be trusted.
                Abort(new QmpConnectionException($"writing {command} to {_path} was cancelled part-way; connection closed"), lost: true);
                throw;
            }
            catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException)
            {
                var reason = new QmpConnectionException($"writing {command} to QMP socket {_path} failed: {ex.Message}", ex);
                Abort(reason, lost: true);
                throw ConnectionEnded(command, reason);
            }
        }
        finally
        {
            _writeLock.Release();
        }
    }

    private async Task SendWithDescriptorAsync(byte[] message, int fd, CancellationToken cancellationToken)
    {
        while (true)
        {
            var sent = UnixSocketNative.SendWithDescriptor(_socket.SafeHandle, message, fd, out var errno);
            if (sent >= 0)
            {
                // The descriptor travelled with the first byte; a short send only leaves plain bytes to write.
                if (sent < message.Length)
                {
                    await _stream.WriteAsync(message.AsMemory((int)sent), cancellationToken);
                }

                return;
            }

            if (errno == UnixSocketNative.Eagain)
            {
                // .NET keeps its sockets non-blocking: wait (bounded slices, cancellable) until the buffer drains.
                while (!_socket.Poll(TimeSpan.FromMilliseconds(50), SelectMode.SelectWrite))
                {
                    cancellationToken.ThrowIfCancellationRequested();
                }
            }
            else if (errno != UnixSocketNative.Eintr)
            {
                throw new IOException($"sendmsg with SCM_RIGHTS on {_path} failed: errno {errno}");
            }
        }
    }

    private QmpConnectionException ConnectionEnded(string command, Exception reason) =>
        new($"QMP connection to {_path} ended before {command} was answered: {reason.Message}", reason);
}
