using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging.Abstractions;
using Ursa.ApiServer.Pki;
using Ursa.IntegrationTests.Infrastructure;
using Ursa.NodeAgent.Streaming;

namespace Ursa.IntegrationTests.Streaming;

/// <summary>
/// The control plane plus one node streaming server on 127.0.0.1 (a free port) backed by
/// <see cref="LocalProcessBackend"/>, registered as Node <see cref="NodeName"/> with that address and port, and a
/// second Node whose address has nothing listening.
/// </summary>
public sealed class NodeStreamingFixture : ControlPlaneFixture, IAsyncLifetime
{
    public const string NodeName = "stream-node";
    public const string DeadNodeName = "dead-node";

    /// <summary>The client certificate name the tests' own client may use besides the API server's.</summary>
    public const string TestClientName = "test-client";

    private readonly TestDirectory _work = new("streaming");
    private NodeStreamingServer? _server;

    public LocalProcessBackend Backend { get; private set; } = null!;

    public string WorkDirectory => _work.Path;

    public int NodePort => _server!.Port;

    /// <summary>The cluster CA (certificate and key), as the data directory holds it.</summary>
    public CertificateAuthority LoadAuthority() => CertificateAuthority.LoadOrCreate(Path.Combine(DataDirectory, "pki"), TimeProvider.System);

    public new async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Backend = new LocalProcessBackend(_work.Path);
        using var ca = LoadAuthority();
        _server = await NodeStreamingServer.StartAsync(
            new NodeStreamingOptions
            {
                Address = IPAddress.Loopback,
                Port = 0,
                ServingCertificate = ca.IssueNodeServingCertificate(TimeProvider.System, NodeName, ["127.0.0.1"]),
                ClientCertificateAuthority = X509Certificate2.CreateFromPem(Plane.Api.CaPem),
                AllowedClientNames = new HashSet<string> { NodeStreamingOptions.DefaultClientName, TestClientName },
            },
            Backend, NullLoggerFactory.Instance, CancellationToken.None);

        using var client = CreateClient();
        await RegisterNodeAsync(client, NodeName, _server.Port);

        // A port that was free a moment ago: nothing listens there.
        await RegisterNodeAsync(client, DeadNodeName, FreePort());
    }

    public new async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        await base.DisposeAsync();
        _work.Dispose();
    }

    private static async Task RegisterNodeAsync(HttpClient client, string name, int port)
    {
        var node = new JsonObject { ["apiVersion"] = "v1", ["kind"] = "Node", ["metadata"] = new JsonObject { ["name"] = name } };
        (await client.PostAsJsonAsync("/api/v1/nodes", node)).EnsureSuccessStatusCode();
        var current = await client.GetFromJsonAsync<JsonObject>($"/api/v1/nodes/{name}") ?? throw new InvalidOperationException("no node");
        current["status"] = new JsonObject
        {
            ["addresses"] = new JsonArray(new JsonObject { ["type"] = "InternalIP", ["address"] = "127.0.0.1" }),
            ["daemonEndpoints"] = new JsonObject { ["kubeletEndpoint"] = new JsonObject { ["Port"] = port } },
        };
        var response = await client.PutAsJsonAsync($"/api/v1/nodes/{name}/status", current);
        Assert.True(response.IsSuccessStatusCode, $"node status update: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
