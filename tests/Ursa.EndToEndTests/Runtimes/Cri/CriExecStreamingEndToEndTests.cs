using System.ComponentModel;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Text;
using Ursa.Cri;
using Ursa.Cri.V1;
using Ursa.Runtimes.Containerd;
using Xunit.Abstractions;

namespace Ursa.EndToEndTests.Runtimes.Cri;

/// <summary>
/// CRI Exec's streaming URL points at containerd's streaming server on the loopback of Ursa's namespace; the
/// <see cref="NetworkNamespaceDialer"/> reaches it from the host namespace.
/// </summary>
[Collection(CriCollection.Name)]
public sealed class CriExecStreamingEndToEndTests(CriFixture fixture, ITestOutputHelper output) : IDisposable
{
    private readonly CriClient _cri = fixture.Client;
    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromSeconds(60));

    public void Dispose() => _timeout.Dispose();

    [Fact]
    public async Task Dialer_RegistryOnNamespaceLoopback_AnswersHttp()
    {
        var dialer = NetworkNamespaceDialer.ForName(fixture.Options.NetworkNamespace);
        using var http = NewHttpClient(dialer);

        var clock = Stopwatch.StartNew();
        using HttpResponseMessage response = await http.GetAsync($"http://127.0.0.1:{fixture.Options.RegistryPort}/v2/", _timeout.Token);

        TimeSpan get = clock.Elapsed;
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        const int Connections = 50;
        clock.Restart();
        for (int i = 0; i < Connections; i++)
        {
            await using Stream stream = await dialer.ConnectAsync(new IPEndPoint(IPAddress.Loopback, fixture.Options.RegistryPort), _timeout.Token);
        }

        output.WriteLine($"first GET through the dialer {get.TotalMilliseconds:0.0} ms; connect {clock.Elapsed.TotalMilliseconds / Connections:0.00} ms each ({Connections} in a row)");
    }

    [Fact]
    public async Task Dialer_NoSuchNamespace_Win32Error()
    {
        var dialer = new NetworkNamespaceDialer(Path.Combine(fixture.Options.DataDirectory, "no-such-netns"));

        var error = await Assert.ThrowsAsync<Win32Exception>(() => dialer.ConnectAsync(new IPEndPoint(IPAddress.Loopback, 80), _timeout.Token));

        Assert.Equal(2, error.NativeErrorCode); // ENOENT
    }

    [Fact]
    public async Task Exec_StreamingUrl_OnlyReachableThroughTheDialer_RunsTheCommandOverWebSocket()
    {
        CancellationToken ct = _timeout.Token;
        (string podId, string id) = await StartSleeperAsync(ct);
        var dialer = NetworkNamespaceDialer.ForName(fixture.Options.NetworkNamespace);

        var request = new ExecRequest { ContainerId = id, Cmd = { "sh", "-c", "echo hi; echo err >&2; exit 3" }, Stdout = true, Stderr = true };
        var url = new Uri((await _cri.ExecAsync(request, ct)).Url);
        Assert.Equal(("http", "127.0.0.1"), (url.Scheme, url.Host));
        Assert.StartsWith("/exec/", url.AbsolutePath, StringComparison.Ordinal);

        // The port is open on ursa0's loopback, not on the host's.
        using (var direct = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp))
        {
            var refused = await Assert.ThrowsAsync<SocketException>(() => direct.ConnectAsync(IPAddress.Loopback, url.Port, ct).AsTask());
            Assert.Equal(SocketError.ConnectionRefused, refused.SocketErrorCode);
        }

        // The kubelet streaming library serves exec over WebSocket with the channel.k8s.io framing: each binary
        // message starts with its channel (1 stdout, 2 stderr, 3 status as JSON in v4).
        using var handler = new SocketsHttpHandler { ConnectCallback = dialer.ConnectAsync, UseProxy = false };
        using var invoker = new HttpMessageInvoker(handler);
        using var socket = new ClientWebSocket();
        socket.Options.AddSubProtocol("v4.channel.k8s.io");
        await socket.ConnectAsync(new UriBuilder(url) { Scheme = "ws" }.Uri, invoker, ct);
        Assert.Equal("v4.channel.k8s.io", socket.SubProtocol);
        Dictionary<int, string> channels = await ReadChannelsAsync(socket, ct);

        Assert.Equal(("hi\n", "err\n"), (channels.GetValueOrDefault(1), channels.GetValueOrDefault(2)));
        Assert.Contains("\"reason\":\"NonZeroExitCode\"", channels[3], StringComparison.Ordinal);
        Assert.Contains("{\"reason\":\"ExitCode\",\"message\":\"3\"}", channels[3], StringComparison.Ordinal);

        // A plain GET (no upgrade) on a fresh URL still gets an HTTP answer from the streaming server.
        using var http = NewHttpClient(dialer);
        string fresh = (await _cri.ExecAsync(request, ct)).Url;
        using HttpResponseMessage plain = await http.GetAsync(fresh, ct);
        output.WriteLine($"plain GET on {fresh}: {(int)plain.StatusCode} {await plain.Content.ReadAsStringAsync(ct)}");
        Assert.Equal(HttpStatusCode.BadRequest, plain.StatusCode);

        await _cri.StopPodSandboxAsync(new StopPodSandboxRequest { PodSandboxId = podId }, ct);
        await _cri.RemovePodSandboxAsync(new RemovePodSandboxRequest { PodSandboxId = podId }, ct);
    }

    private async Task<(string PodId, string ContainerId)> StartSleeperAsync(CancellationToken ct)
    {
        await _cri.PullImageAsync(new PullImageRequest { Image = new ImageSpec { Image = CriPods.Busybox } }, ct);
        PodSandboxConfig sandbox = CriPods.Sandbox(fixture, "exec");
        string podId = (await _cri.RunPodSandboxAsync(new RunPodSandboxRequest { Config = sandbox }, ct)).PodSandboxId;
        ContainerConfig config = CriPods.Shell(sandbox, "main", "sleep 30");
        string id = (await _cri.CreateContainerAsync(new CreateContainerRequest { PodSandboxId = podId, Config = config, SandboxConfig = sandbox }, ct)).ContainerId;
        await _cri.StartContainerAsync(new StartContainerRequest { ContainerId = id }, ct);
        return (podId, id);
    }

    private static async Task<Dictionary<int, string>> ReadChannelsAsync(ClientWebSocket socket, CancellationToken ct)
    {
        var channels = new Dictionary<int, StringBuilder>();
        byte[] buffer = new byte[64 * 1024];
        using var message = new MemoryStream();
        while (true)
        {
            WebSocketReceiveResult received = await socket.ReceiveAsync(buffer, ct);
            if (received.MessageType == WebSocketMessageType.Close)
            {
                break;
            }

            message.Write(buffer, 0, received.Count);
            if (!received.EndOfMessage)
            {
                continue;
            }

            byte[] bytes = message.ToArray();
            message.SetLength(0);
            if (bytes.Length > 0)
            {
                StringBuilder text = channels.TryGetValue(bytes[0], out StringBuilder? existing) ? existing : channels[bytes[0]] = new StringBuilder();
                text.Append(Encoding.UTF8.GetString(bytes, 1, bytes.Length - 1));
            }
        }

        return channels.ToDictionary(c => c.Key, c => c.Value.ToString());
    }

    private static HttpClient NewHttpClient(NetworkNamespaceDialer dialer) =>
        new(new SocketsHttpHandler { ConnectCallback = dialer.ConnectAsync, UseProxy = false }, disposeHandler: true);
}
