using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Ursa.IntegrationTests.Infrastructure;

namespace Ursa.IntegrationTests.ApiServer;

/// <summary>
/// Updates start from the watch cache's copy of the object; these check that a copy that is behind the store never
/// shows through: a write followed at once by an update that names the write's resourceVersion succeeds (the
/// cache has often not applied the write yet), and refusals (stale version, second bind) are still given.
/// </summary>
[Collection(ControlPlaneCollection.Name)]
public class UpdatePathTests(ControlPlaneFixture cluster) : IAsyncLifetime
{
    private readonly string _ns = "upd-" + Guid.NewGuid().ToString("N")[..8];
    private readonly HttpClient _client = cluster.CreateClient();

    private string Pods => $"/api/v1/namespaces/{_ns}/pods";

    public async Task InitializeAsync()
    {
        using var ns = await _client.PostAsync("/api/v1/namespaces", Json($$$"""{"metadata":{"name":"{{{_ns}}}"}}"""));
        ns.EnsureSuccessStatusCode();
    }

    public Task DisposeAsync()
    {
        _client.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Update_NamingTheVersionJustWritten_SucceedsEvenBeforeTheCacheHasIt()
    {
        var pod = await SendAsync(HttpMethod.Post, Pods, Pod("chain"), HttpStatusCode.Created);
        for (var i = 0; i < 40; i++)
        {
            // Each PUT names the version the previous write returned, sent the moment that write is acknowledged.
            pod["metadata"]!["labels"] = new JsonObject { ["step"] = i.ToString(System.Globalization.CultureInfo.InvariantCulture) };
            pod = await SendAsync(HttpMethod.Put, $"{Pods}/chain", pod.ToJsonString(), HttpStatusCode.OK);

            var status = pod.DeepClone();
            status["status"] = new JsonObject { ["phase"] = "Pending", ["message"] = $"step {i}" };
            pod = await SendAsync(HttpMethod.Put, $"{Pods}/chain/status", status.ToJsonString(), HttpStatusCode.OK);
            Assert.Equal($"step {i}", pod["status"]?["message"]?.GetValue<string>());
        }
    }

    [Fact]
    public async Task Update_WithAnOlderVersion_IsAConflict()
    {
        var first = await SendAsync(HttpMethod.Post, Pods, Pod("stale"), HttpStatusCode.Created);
        var second = first.DeepClone();
        second["metadata"]!["labels"] = new JsonObject { ["v"] = "2" };
        await SendAsync(HttpMethod.Put, $"{Pods}/stale", second.ToJsonString(), HttpStatusCode.OK);

        first["metadata"]!["labels"] = new JsonObject { ["v"] = "old" };
        var refused = await SendAsync(HttpMethod.Put, $"{Pods}/stale", first.ToJsonString(), HttpStatusCode.Conflict);
        Assert.Equal("Conflict", refused["reason"]?.GetValue<string>());
    }

    [Fact]
    public async Task Bind_RightAfterCreate_BindsOnceAndRefusesTheSecond()
    {
        for (var i = 0; i < 20; i++)
        {
            var name = $"bind-{i}";
            await SendAsync(HttpMethod.Post, Pods, Pod(name), HttpStatusCode.Created);
            await SendAsync(HttpMethod.Post, $"{Pods}/{name}/binding", Binding(name, "node-a"), HttpStatusCode.OK);
            var refused = await SendAsync(HttpMethod.Post, $"{Pods}/{name}/binding", Binding(name, "node-b"), HttpStatusCode.Conflict);
            Assert.Contains("node-a", refused["message"]?.GetValue<string>(), StringComparison.Ordinal);

            var bound = await SendAsync(HttpMethod.Get, $"{Pods}/{name}", null, HttpStatusCode.OK);
            Assert.Equal("node-a", bound["spec"]?["nodeName"]?.GetValue<string>());
            var scheduled = bound["status"]!["conditions"]!.AsArray().Single(c => c!["type"]!.GetValue<string>() == "PodScheduled");
            Assert.Equal("True", scheduled!["status"]!.GetValue<string>());
        }
    }

    private async Task<JsonNode> SendAsync(HttpMethod method, string path, string? body, HttpStatusCode expected)
    {
        using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : Json(body) };
        using var response = await _client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{method} {path}: expected {(int)expected}, got {(int)response.StatusCode}: {text}");
        return JsonNode.Parse(text)!;
    }

    private static string Pod(string name) =>
        $$$"""{"apiVersion":"v1","kind":"Pod","metadata":{"name":"{{{name}}}"},"spec":{"schedulerName":"nobody","containers":[{"name":"c","image":"busybox"}]}}""";

    private static string Binding(string name, string node) =>
        $$$"""{"apiVersion":"v1","kind":"Binding","metadata":{"name":"{{{name}}}"},"target":{"apiVersion":"v1","kind":"Node","name":"{{{node}}}"}}""";

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");
}
