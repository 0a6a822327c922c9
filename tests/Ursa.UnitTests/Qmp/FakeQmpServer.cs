using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Win32.SafeHandles;

namespace Ursa.UnitTests.Qmp;

/// <summary>
/// A scripted QMP server on a unix socket in a temp directory: the test reads each command the client sent and
/// decides what comes back (replies in any order, errors, events, a dropped connection).
/// </summary>
internal sealed class FakeQmpServer : IAsyncDisposable
{
    /// <summary>Every wait in the fake is bounded, so a client bug fails the test instead of hanging it.</summary>
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);

    private const string Greeting = """{"QMP": {"version": {"qemu": {"micro": 22, "minor": 2, "major": 7}, "package": "Debian 1:7.2+dfsg-7"}, "capabilities": ["oob"]}}""";

    private readonly string _directory;
    private readonly Socket _listener;
    private Socket? _peer;
    private NetworkStream? _stream;
    private StreamReader? _reader;

    private FakeQmpServer(string directory, Socket listener)
    {
        _directory = directory;
        _listener = listener;
    }

    public string SocketPath => Path.Combine(_directory, "qmp.sock");

    public static FakeQmpServer Start()
    {
        var directory = Directory.CreateTempSubdirectory("ursa-qmp-").FullName;
        var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        listener.Bind(new UnixDomainSocketEndPoint(Path.Combine(directory, "qmp.sock")));
        listener.Listen(1);
        return new FakeQmpServer(directory, listener);
    }

    /// <summary>
    /// Accepts the client, sends <paramref name="beforeGreeting"/> (as QEMU can send an event first), greets it and
    /// answers its <c>qmp_capabilities</c>; returns that command.
    /// </summary>
    public async Task<JsonObject> AcceptAsync(params string[] beforeGreeting)
    {
        await AcceptOnlyAsync();
        foreach (var line in beforeGreeting)
        {
            await SendLineAsync(line);
        }

        await SendLineAsync(Greeting);
        var capabilities = await ReadCommandAsync();
        await ReplyAsync(capabilities, new JsonObject());
        return capabilities;
    }

    /// <summary>Accepts the client and sends nothing: the test writes what the client sees first.</summary>
    public async Task AcceptOnlyAsync()
    {
        using var deadline = new CancellationTokenSource(Deadline);
        _peer = await _listener.AcceptAsync(deadline.Token);
        _stream = new NetworkStream(_peer, ownsSocket: false);
        _reader = new StreamReader(_stream, new UTF8Encoding(false), false, 16, leaveOpen: true);
    }

    /// <summary>The next command the client sent.</summary>
    public async Task<JsonObject> ReadCommandAsync()
    {
        using var deadline = new CancellationTokenSource(Deadline);
        var line = await Reader.ReadLineAsync(deadline.Token) ?? throw new IOException("the client closed the connection");
        return JsonNode.Parse(line)!.AsObject();
    }

    /// <summary>The next command read with recvmsg, with the descriptor that came with it (-1 for none).</summary>
    public async Task<(JsonObject Command, SafeFileHandle Descriptor)> ReadCommandWithDescriptorAsync()
    {
        // Valid only when nothing is buffered in the line reader: the client sends nothing unprompted.
        var peer = _peer ?? throw new InvalidOperationException("no client yet");
        var (data, fd) = await Task.Run(() =>
        {
            Assert.True(peer.Poll(Deadline, SelectMode.SelectRead), "the client sent no getfd within the deadline");
            return ScmRightsReceiver.Receive(peer.SafeHandle);
        });
        return (JsonNode.Parse(Encoding.UTF8.GetString(data))!.AsObject(), new SafeFileHandle(fd, ownsHandle: true));
    }

    public Task ReplyAsync(JsonObject command, JsonNode? value) =>
        SendAsync(new JsonObject { ["return"] = value, ["id"] = command["id"]!.DeepClone() });

    public Task ErrorAsync(JsonObject command, string errorClass, string description) =>
        SendAsync(new JsonObject { ["id"] = command["id"]!.DeepClone(), ["error"] = new JsonObject { ["class"] = errorClass, ["desc"] = description } });

    public Task EventAsync(string name, JsonObject? data = null, long seconds = 1795261077, long microseconds = 595691)
    {
        var message = new JsonObject
        {
            ["timestamp"] = new JsonObject { ["seconds"] = seconds, ["microseconds"] = microseconds },
            ["event"] = name,
        };
        if (data is not null)
        {
            message["data"] = data;
        }

        return SendAsync(message);
    }

    /// <summary>Writes one line as QEMU does (CRLF).</summary>
    public async Task SendLineAsync(string line)
    {
        var stream = _stream ?? throw new InvalidOperationException("no client yet");
        await stream.WriteAsync(Encoding.UTF8.GetBytes(line + "\r\n"));
    }

    /// <summary>Closes the connection, as QEMU exiting does.</summary>
    public void Drop()
    {
        _peer?.Shutdown(SocketShutdown.Both);
        _peer?.Dispose();
    }

    public async ValueTask DisposeAsync()
    {
        _reader?.Dispose();
        if (_stream is not null)
        {
            await _stream.DisposeAsync();
        }

        _peer?.Dispose();
        _listener.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    private StreamReader Reader => _reader ?? throw new InvalidOperationException("no client yet");

    private Task SendAsync(JsonObject message) => SendLineAsync(message.ToJsonString());
}
