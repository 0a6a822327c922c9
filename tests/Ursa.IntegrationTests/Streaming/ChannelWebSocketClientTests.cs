using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using Ursa.NodeAgent.Streaming;

namespace Ursa.IntegrationTests.Streaming;

/// <summary>
/// <see cref="ChannelWebSocketClient"/> (what the agent uses towards containerd's streaming URLs) against the node
/// streaming server, over a connection opened by the caller's function, in both protocol versions; and the
/// node's refusal of callers without a cluster client certificate.
/// </summary>
[Collection(NodeStreamingCollection.Name)]
public sealed class ChannelWebSocketClientTests(NodeStreamingFixture cluster)
{
    [Theory]
    [InlineData(ChannelProtocol.V5)]
    [InlineData(ChannelProtocol.V4)]
    public async Task Exec_ReturnsTheExitCode_AndSeparatesStdoutFromStderr(string protocol)
    {
        var session = new RecordingExecSession(stdin: null);
        session.EndResizes();
        var client = CreateClient(protocol);

        var exitCode = await client.RunAsync(ExecUrl("stdout=true&stderr=true&command=sh&command=-c&command=echo%20out%3B%20echo%20err%20%3E%262%3B%20exit%207"), session, CancellationToken.None);

        Assert.Equal(7, exitCode);
        Assert.Equal("out\n", session.StdoutText);
        Assert.Equal("err\n", session.StderrText);
    }

    [Fact]
    public async Task Exec_V5_SignalsTheEndOfStdin()
    {
        var session = new RecordingExecSession(stdin: "abc\n");
        session.EndResizes();

        var exitCode = await CreateClient(ChannelProtocol.V5).RunAsync(ExecUrl("stdin=true&stdout=true&command=tr&command=a-z&command=A-Z"), session, CancellationToken.None);

        Assert.Equal(0, exitCode);
        Assert.Equal("ABC\n", session.StdoutText);
    }

    [Fact]
    public async Task Exec_RuntimeFailure_IsThrownWithItsMessage()
    {
        var session = new RecordingExecSession(stdin: null);
        session.EndResizes();
        var url = new Uri($"https://127.0.0.1:{cluster.NodePort}/exec/system/default/missing/main?stdout=true&command=true");

        var error = await Assert.ThrowsAsync<PodStreamingException>(() => CreateClient(ChannelProtocol.V5).RunAsync(url, session, CancellationToken.None));

        Assert.Contains("default/missing is not running on this node", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Node_RefusesCallersWithoutAClusterClientCertificate()
    {
        using var handler = new SocketsHttpHandler { UseProxy = false, SslOptions = new SslClientAuthenticationOptions { RemoteCertificateValidationCallback = (_, _, _, _) => true } };
        using var http = new HttpClient(handler);

        await Assert.ThrowsAsync<HttpRequestException>(() => http.GetAsync($"https://127.0.0.1:{cluster.NodePort}/containerLogs/system/default/p/main"));
    }

    [Fact]
    public async Task Node_RefusesClusterCertificatesOfOtherComponents()
    {
        var session = new RecordingExecSession(stdin: null);
        session.EndResizes();

        // Chained to the cluster CA, but not the API server's (or the tests') name: a node agent's, say.
        var client = CreateClient(ChannelProtocol.V5, clientName: "system:node:other");

        await Assert.ThrowsAsync<PodStreamingException>(() => client.RunAsync(ExecUrl("stdout=true&command=true"), session, CancellationToken.None));
        Assert.Equal(0, await CreateClient(ChannelProtocol.V5).RunAsync(ExecUrl("stdout=true&command=true"), session, CancellationToken.None));
    }

    private Uri ExecUrl(string query) => new($"https://127.0.0.1:{cluster.NodePort}/exec/system/default/p/main?{query}");

    private ChannelWebSocketClient CreateClient(string protocol, string clientName = NodeStreamingFixture.TestClientName)
    {
        using var ca = cluster.LoadAuthority();
        var authority = X509Certificate2.CreateFromPem(ca.CertificatePem);
        return new ChannelWebSocketClient(async ct =>
        {
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, cluster.NodePort), ct);
            return new NetworkStream(socket, ownsSocket: true);
        })
        {
            Protocols = [protocol],
            Tls = new SslClientAuthenticationOptions
            {
                ClientCertificates = [ca.IssueClientCertificate(TimeProvider.System, clientName)],
                RemoteCertificateValidationCallback = (_, certificate, _, _) =>
                {
                    using var chain = new X509Chain();
                    chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
                    chain.ChainPolicy.CustomTrustStore.Add(authority);
                    chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
                    return certificate is not null && chain.Build(new X509Certificate2(certificate));
                },
            },
        };
    }
}
