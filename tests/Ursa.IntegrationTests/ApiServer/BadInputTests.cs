using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Ursa.IntegrationTests.Infrastructure;

namespace Ursa.IntegrationTests.ApiServer;

/// <summary>
/// A corpus of bad requests: each gets a clear 4xx Status with a reason (and the field, where one is at fault),
/// nothing is written, and the server keeps serving.
/// </summary>
[Collection(ControlPlaneCollection.Name)]
public sealed class BadInputTests(ControlPlaneFixture cluster) : IAsyncLifetime
{
    private readonly string _ns = "bad-" + Guid.NewGuid().ToString("N")[..8];
    private readonly HttpClient _client = cluster.CreateClient();
    private string _controlVersion = string.Empty;

    private string Pods => $"/api/v1/namespaces/{_ns}/pods";

    public static TheoryData<string, string, string, string, int, string, string?> Corpus => new()
    {
        // case, method, content type, body, status, reason, field
        { "truncated JSON", "POST", "application/json", """{"apiVersion":"v1","kind":""", 400, "BadRequest", null },
        { "JSON array", "POST", "application/json", "[1,2,3]", 400, "BadRequest", null },
        { "empty body", "POST", "application/json", "", 400, "BadRequest", null },
        { "broken YAML", "POST", "application/yaml", "metadata: [name: x\nspec: {", 400, "BadRequest", null },
        { "wrong type", "POST", "application/json", """{"metadata":{"name":"t1"},"spec":{"containers":"busybox"}}""", 400, "BadRequest", null },
        { "wrong kind", "POST", "application/json", """{"apiVersion":"v1","kind":"Node","metadata":{"name":"n1"}}""", 400, "BadRequest", null },
        { "wrong apiVersion", "POST", "application/json", """{"apiVersion":"apps/v1","kind":"Pod","metadata":{"name":"n1"}}""", 400, "BadRequest", null },
        { "invalid name", "POST", "application/json", Pod("Bad_Name"), 422, "Invalid", "metadata.name" },
        { "name too long", "POST", "application/json", Pod(new string('a', 254)), 422, "Invalid", "metadata.name" },
        { "no name", "POST", "application/json", """{"spec":{"containers":[{"name":"c","image":"i"}]}}""", 422, "Invalid", "metadata.name" },
        { "containers and vm", "POST", "application/json", """{"metadata":{"name":"both"},"spec":{"containers":[{"name":"c","image":"i"}],"virtualMachine":{"name":"v","image":"i"}}}""", 422, "Invalid", "spec.virtualMachine" },
        { "neither containers nor vm", "POST", "application/json", """{"metadata":{"name":"none"},"spec":{}}""", 422, "Invalid", "spec.containers" },
        { "bad quantity", "POST", "application/json", """{"metadata":{"name":"q"},"spec":{"containers":[{"name":"c","image":"i","resources":{"limits":{"memory":"a lot"}}}]}}""", 422, "Invalid", "spec.containers[0].resources.limits[memory]" },
        { "bad label value", "POST", "application/json", """{"metadata":{"name":"l","labels":{"app":"not valid!"}},"spec":{"containers":[{"name":"c","image":"i"}]}}""", 422, "Invalid", "metadata.labels" },
        { "bad power state", "POST", "application/json", """{"metadata":{"name":"p"},"spec":{"virtualMachine":{"name":"v","image":"i","powerSpec":"Asleep"}}}""", 422, "Invalid", "spec.virtualMachine.powerSpec" },
        { "userData not base64", "POST", "application/json", """{"metadata":{"name":"u"},"spec":{"virtualMachine":{"name":"v","image":"i","userData":"%%%"}}}""", 422, "Invalid", "spec.virtualMachine.userData" },
        { "unsupported media type", "POST", "text/csv", "a,b", 415, "UnsupportedMediaType", null },
        { "deeply nested", "POST", "application/json", new string('[', 300) + new string(']', 300), 400, "BadRequest", null },
    };

    public async Task InitializeAsync()
    {
        var ns = await _client.PostAsync("/api/v1/namespaces", Json($$$"""{"metadata":{"name":"{{{_ns}}}"}}"""));
        ns.EnsureSuccessStatusCode();
        var control = await _client.PostAsync(Pods, Json(Pod("control")));
        control.EnsureSuccessStatusCode();
        _controlVersion = (await control.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("metadata").GetProperty("resourceVersion").GetString()!;
    }

    public Task DisposeAsync()
    {
        _client.Dispose();
        return Task.CompletedTask;
    }

    [Theory]
    [MemberData(nameof(Corpus))]
    public async Task Create_BadBody_IsRejectedClearlyAndWritesNothing(string name, string method, string contentType, string body, int status, string reason, string? field)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), Pods) { Content = new StringContent(body, Encoding.UTF8) };
        request.Content.Headers.ContentType = new(contentType);
        using var response = await _client.SendAsync(request);
        await AssertStatusAsync(response, status, reason, field, name);
        await AssertNothingWrittenAsync();
    }

    [Fact]
    public async Task Create_UnknownFieldUnderStrict_Is422NamingEveryField()
    {
        var body = """{"metadata":{"name":"strict","colour":"red"},"spec":{"containers":[{"name":"c","image":"i","size":3}]}}""";
        using var response = await _client.PostAsync(Pods + "?fieldValidation=Strict", Json(body));
        var status = await AssertStatusAsync(response, 422, "Invalid", "metadata.colour", "strict unknown fields");
        var fields = status.GetProperty("details").GetProperty("causes").EnumerateArray().Select(c => c.GetProperty("field").GetString()).ToList();
        Assert.Equal(["metadata.colour", "spec.containers[0].size"], fields);
        Assert.Equal("strict", status.GetProperty("details").GetProperty("name").GetString());
        await AssertNothingWrittenAsync();
    }

    [Theory]
    [InlineData(4 * 1024 * 1024, false)]
    [InlineData(4 * 1024 * 1024, true)]
    public async Task Create_OversizedBody_Is413(int size, bool chunked)
    {
        var padding = new string('x', size);
        var body = $$$"""{"metadata":{"name":"big","annotations":{"pad":"{{{padding}}}"}},"spec":{"containers":[{"name":"c","image":"i"}]}}""";
        HttpContent content = chunked ? new ChunkedContent(Encoding.UTF8.GetBytes(body)) : Json(body);
        content.Headers.ContentType = new("application/json");
        using var response = await _client.PostAsync(Pods, content);
        await AssertStatusAsync(response, 413, "RequestEntityTooLarge", null, "oversized");
        await AssertNothingWrittenAsync();
    }

    [Theory]
    [InlineData("application/json-patch+json", """[{"op":"remove","path":"/spec/nothing"}]""", 422, "Invalid")]
    [InlineData("application/json-patch+json", """[{"op":"frobnicate","path":"/spec"}]""", 422, "Invalid")]
    [InlineData("application/json-patch+json", """{"not":"a list"}""", 422, "Invalid")]
    [InlineData("application/merge-patch+json", """{"spec":""", 400, "BadRequest")]
    [InlineData("application/merge-patch+json", """{"spec":{"containers":null}}""", 422, "Invalid")]
    [InlineData("application/strategic-merge-patch+json", """{"metadata":{"labels":{"bad key!":"x"}}}""", 422, "Invalid")]
    [InlineData("application/strategic-merge-patch+json", """{"spec":{"containers":[{"$patch":"explode","name":"main"}]}}""", 422, "Invalid")]
    [InlineData("application/apply-patch+yaml", "metadata: {name: control}", 415, "UnsupportedMediaType")]
    [InlineData("text/plain", "hello", 415, "UnsupportedMediaType")]
    public async Task Patch_BadPatch_IsRejectedAndChangesNothing(string contentType, string patch, int status, string reason)
    {
        using var request = new HttpRequestMessage(HttpMethod.Patch, $"{Pods}/control") { Content = new StringContent(patch, Encoding.UTF8) };
        request.Content.Headers.ContentType = new(contentType);
        using var response = await _client.SendAsync(request);
        await AssertStatusAsync(response, status, reason, null, $"{contentType} {patch}");
        await AssertNothingWrittenAsync();
    }

    [Fact]
    public async Task Update_StaleResourceVersion_Is409Conflict()
    {
        var body = $$$"""{"metadata":{"name":"control","resourceVersion":"1"},"spec":{"containers":[{"name":"main","image":"other"}]}}""";
        using var response = await _client.PutAsync($"{Pods}/control", Json(body));
        await AssertStatusAsync(response, 409, "Conflict", null, "stale update");
        await AssertNothingWrittenAsync();
    }

    [Theory]
    [InlineData("/api/v1/namespaces/no-such-ns/pods", 404, "NotFound")]
    [InlineData("/api/v1/namespaces/default/widgets", 404, "NotFound")]
    [InlineData("/apis/nothing.example/v1/things", 404, "NotFound")]
    public async Task Create_UnknownTarget_Is404(string path, int status, string reason)
    {
        using var response = await _client.PostAsync(path, Json(Pod("x")));
        await AssertStatusAsync(response, status, reason, null, path);
    }

    [Theory]
    [InlineData("labelSelector=app%20in%20(a", 400)]
    [InlineData("fieldSelector=spec.bogus%3Dx", 400)]
    [InlineData("limit=-3", 400)]
    [InlineData("resourceVersion=abc", 400)]
    public async Task List_BadQuery_Is400(string query, int status)
    {
        using var response = await _client.GetAsync($"{Pods}?{query}");
        await AssertStatusAsync(response, status, "BadRequest", null, query);
    }

    [Fact]
    public async Task Request_WithoutToken_Is401()
    {
        using var anonymous = ControlPlaneFixture.CreateClient(cluster.Url, cluster.Plane.Api.CaPem, token: null);
        using var response = await anonymous.GetAsync(Pods);
        await AssertStatusAsync(response, 401, "Unauthorized", null, "no token");
        using var wrong = ControlPlaneFixture.CreateClient(cluster.Url, cluster.Plane.Api.CaPem, token: "not-a-token");
        using var second = await wrong.GetAsync(Pods);
        await AssertStatusAsync(second, 401, "Unauthorized", null, "wrong token");
    }

    private static string Pod(string name) => $$$"""{"apiVersion":"v1","kind":"Pod","metadata":{"name":"{{{name}}}"},"spec":{"containers":[{"name":"main","image":"ursa.local/busybox:latest"}]}}""";

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    private static async Task<JsonElement> AssertStatusAsync(HttpResponseMessage response, int status, string reason, string? field, string what)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode == status, $"{what}: expected {status}, got {(int)response.StatusCode}: {text}");
        var body = JsonDocument.Parse(text).RootElement.Clone();
        Assert.Equal("Status", body.GetProperty("kind").GetString());
        Assert.Equal("Failure", body.GetProperty("status").GetString());
        Assert.Equal(reason, body.GetProperty("reason").GetString());
        Assert.Equal(status, body.GetProperty("code").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(body.GetProperty("message").GetString()), $"{what}: empty message");
        if (field is not null)
        {
            var fields = body.GetProperty("details").GetProperty("causes").EnumerateArray().Select(c => c.GetProperty("field").GetString()).ToList();
            Assert.True(fields.Contains(field), $"{what}: causes name {string.Join(", ", fields)}, not {field}");
        }

        return body;
    }

    private async Task AssertNothingWrittenAsync()
    {
        var list = await _client.GetFromJsonAsync<JsonElement>(Pods);
        var items = list.GetProperty("items").EnumerateArray().ToList();
        var control = Assert.Single(items);
        Assert.Equal("control", control.GetProperty("metadata").GetProperty("name").GetString());
        Assert.Equal(_controlVersion, control.GetProperty("metadata").GetProperty("resourceVersion").GetString());
        using var version = await _client.GetAsync("/version");
        Assert.Equal(HttpStatusCode.OK, version.StatusCode);
    }

    /// <summary>A body sent with Transfer-Encoding: chunked (no Content-Length).</summary>
    private sealed class ChunkedContent(byte[] bytes) : HttpContent
    {
        protected override Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context) => stream.WriteAsync(bytes).AsTask();

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}
