using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Ursa.IntegrationTests.Infrastructure;

namespace Ursa.IntegrationTests.ApiServer;

/// <summary>
/// PATCH applies to the stored JSON (not a typed copy): what a patch sees and what it may change through
/// /status are those of the stored object, a patch that changes nothing writes nothing (Kubernetes answers such
/// a patch without a new resourceVersion), and unknown fields are still reported.
/// </summary>
[Collection(ControlPlaneCollection.Name)]
public class PatchPathTests(ControlPlaneFixture cluster) : IAsyncLifetime
{
    private const string Strategic = "application/strategic-merge-patch+json";
    private readonly string _ns = "pat-" + Guid.NewGuid().ToString("N")[..8];
    private readonly HttpClient _client = cluster.CreateClient();

    private string Pods => $"/api/v1/namespaces/{_ns}/pods";

    public async Task InitializeAsync()
    {
        using var ns = await _client.PostAsync("/api/v1/namespaces", new StringContent($$$"""{"metadata":{"name":"{{{_ns}}}"}}""", Encoding.UTF8, "application/json"));
        ns.EnsureSuccessStatusCode();
    }

    public Task DisposeAsync()
    {
        _client.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task StatusPatch_RunningReport_IsAppliedAndTheSamePatchAgainWritesNothing()
    {
        var created = await SendAsync(HttpMethod.Post, Pods, "application/json", Pod("run"), HttpStatusCode.Created);
        var patch = """{"status":{"phase":"Running","podIP":"127.0.0.1","hostIP":"127.0.0.1","startTime":"2026-11-21T22:00:00Z","conditions":[{"type":"Ready","status":"True","lastTransitionTime":"2026-11-21T22:00:00Z"}],"containerStatuses":[{"name":"c","ready":true,"restartCount":0,"image":"busybox","imageID":"","state":{"running":{"startedAt":"2026-11-21T22:00:00Z"}}}]}}""";
        var first = await SendAsync(HttpMethod.Patch, $"{Pods}/run/status", Strategic, patch, HttpStatusCode.OK);
        Assert.Equal("Running", first["status"]?["phase"]?.GetValue<string>());
        Assert.Equal("127.0.0.1", first["status"]?["podIP"]?.GetValue<string>());
        Assert.True(first["status"]?["containerStatuses"]?[0]?["ready"]?.GetValue<bool>());
        // The condition merged by type into the list the create wrote (strategic merge), nothing replaced.
        Assert.Contains(first["status"]!["conditions"]!.AsArray(), c => c!["type"]!.GetValue<string>() == "Ready");
        var written = Version(first);
        Assert.True(written > Version(created), "the status patch must write a new version");

        var again = await SendAsync(HttpMethod.Patch, $"{Pods}/run/status", Strategic, patch, HttpStatusCode.OK);
        Assert.Equal(written, Version(again));
        Assert.Equal(first["status"]!.ToJsonString(), again["status"]!.ToJsonString());
        var read = await SendAsync(HttpMethod.Get, $"{Pods}/run", null, null, HttpStatusCode.OK);
        Assert.Equal(written, Version(read));

        // A change after the no-op is written again.
        var changed = await SendAsync(HttpMethod.Patch, $"{Pods}/run/status", Strategic, """{"status":{"message":"later"}}""", HttpStatusCode.OK);
        Assert.True(Version(changed) > written);
        Assert.Equal("later", changed["status"]?["message"]?.GetValue<string>());
    }

    [Fact]
    public async Task StatusPatch_ChangesStatusOnly_AndRightAfterEachWrite()
    {
        await SendAsync(HttpMethod.Post, Pods, "application/json", Pod("only"), HttpStatusCode.Created);
        long last = 0;
        for (var i = 0; i < 20; i++)
        {
            // Sent the moment the previous write is acknowledged: the watch cache has often not applied it yet.
            var patch = $$$"""{"metadata":{"labels":{"step":"{{{i}}}"}},"spec":{"containers":[{"name":"c","image":"other"}]},"status":{"message":"step {{{i}}}"}}""";
            var result = await SendAsync(HttpMethod.Patch, $"{Pods}/only/status", Strategic, patch, HttpStatusCode.OK);
            Assert.Equal($"step {i}", result["status"]?["message"]?.GetValue<string>());
            Assert.Equal("busybox", result["spec"]?["containers"]?[0]?["image"]?.GetValue<string>());
            Assert.Null(result["metadata"]?["labels"]?["step"]);
            Assert.True(Version(result) > last, $"step {i}: the version must grow");
            last = Version(result);
        }
    }

    [Fact]
    public async Task JsonPatch_TestOfTheCurrentResourceVersion_Applies_AndOfAnOldOneIsRefused()
    {
        var created = await SendAsync(HttpMethod.Post, Pods, "application/json", Pod("jp"), HttpStatusCode.Created);
        var rv = created["metadata"]!["resourceVersion"]!.GetValue<string>();
        var patch = $$$"""[{"op":"test","path":"/metadata/resourceVersion","value":"{{{rv}}}"},{"op":"add","path":"/metadata/labels","value":{"a":"b"}}]""";
        var patched = await SendAsync(HttpMethod.Patch, $"{Pods}/jp", "application/json-patch+json", patch, HttpStatusCode.OK);
        Assert.Equal("b", patched["metadata"]?["labels"]?["a"]?.GetValue<string>());

        var refused = await SendAsync(HttpMethod.Patch, $"{Pods}/jp", "application/json-patch+json", patch, (HttpStatusCode)422);
        Assert.Equal("Invalid", refused["reason"]?.GetValue<string>());
    }

    [Fact]
    public async Task Patch_UnknownField_WarnsByDefault_AndIsRefusedUnderStrict()
    {
        await SendAsync(HttpMethod.Post, Pods, "application/json", Pod("unk"), HttpStatusCode.Created);
        using var warn = new HttpRequestMessage(HttpMethod.Patch, $"{Pods}/unk/status") { Content = new StringContent("""{"status":{"bogus":1}}""", Encoding.UTF8, Strategic) };
        using var warned = await _client.SendAsync(warn);
        Assert.Equal(HttpStatusCode.OK, warned.StatusCode);
        Assert.Contains(warned.Headers.GetValues("Warning"), w => w.Contains("status.bogus", StringComparison.Ordinal));

        var strict = await SendAsync(HttpMethod.Patch, $"{Pods}/unk/status?fieldValidation=Strict", Strategic, """{"status":{"bogus":1}}""", (HttpStatusCode)422);
        Assert.Contains("status.bogus", strict.ToJsonString(), StringComparison.Ordinal);
    }

    private static long Version(JsonNode obj) => long.Parse(obj["metadata"]!["resourceVersion"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);

    private async Task<JsonNode> SendAsync(HttpMethod method, string path, string? contentType, string? body, HttpStatusCode expected)
    {
        using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : new StringContent(body, Encoding.UTF8, contentType!) };
        using var response = await _client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{method} {path}: expected {(int)expected}, got {(int)response.StatusCode}: {text}");
        return JsonNode.Parse(text)!;
    }

    private static string Pod(string name) =>
        $$$"""{"apiVersion":"v1","kind":"Pod","metadata":{"name":"{{{name}}}"},"spec":{"schedulerName":"nobody","containers":[{"name":"c","image":"busybox"}]}}""";
}
