using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Ursa.IntegrationTests.Infrastructure;

namespace Ursa.IntegrationTests.ApiServer;

/// <summary>Tenants are isolated: their own namespaces, objects, paths; a regular tenant cannot reach another.</summary>
[Collection(ControlPlaneCollection.Name)]
public sealed class TenancyTests(ControlPlaneFixture cluster) : IAsyncLifetime
{
    private readonly HttpClient _admin = cluster.CreateClient();
    private readonly HttpClient _alice = cluster.CreateClient(ControlPlaneFixture.AcmeToken, admin: false);

    public async Task InitializeAsync()
    {
        using var response = await _admin.PostAsync("/api/v1/tenants", Json("""{"apiVersion":"v1","kind":"Tenant","metadata":{"name":"acme"}}"""));
        Assert.True(response.StatusCode is HttpStatusCode.Created or HttpStatusCode.Conflict, await response.Content.ReadAsStringAsync());
    }

    public Task DisposeAsync()
    {
        _admin.Dispose();
        _alice.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task NewTenant_GetsDefaultNamespaces()
    {
        var names = await NamesAsync(_admin, "/api/v1/tenants/acme/namespaces");
        Assert.Superset(new HashSet<string> { "default", "kube-system", "kube-public" }, names.ToHashSet());
    }

    [Fact]
    public async Task SameNamesInTwoTenants_AreDifferentObjects()
    {
        var name = "twin-" + Guid.NewGuid().ToString("N")[..6];
        (await _admin.PostAsync("/api/v1/tenants/acme/namespaces/default/pods", Json(Pod(name, "acme")))).EnsureSuccessStatusCode();
        (await _admin.PostAsync("/api/v1/namespaces/default/pods", Json(Pod(name, "system")))).EnsureSuccessStatusCode();

        var acme = await _admin.GetFromJsonAsync<JsonElement>($"/api/v1/tenants/acme/namespaces/default/pods/{name}");
        var system = await _admin.GetFromJsonAsync<JsonElement>($"/api/v1/namespaces/default/pods/{name}");
        Assert.Equal("acme", acme.GetProperty("metadata").GetProperty("tenant").GetString());
        Assert.Equal("system", system.GetProperty("metadata").GetProperty("tenant").GetString());
        Assert.NotEqual(acme.GetProperty("metadata").GetProperty("uid").GetString(), system.GetProperty("metadata").GetProperty("uid").GetString());

        // The short path resolves to the caller's tenant: alice (tenant acme) sees acme's pod there.
        var aliceView = await _alice.GetFromJsonAsync<JsonElement>($"/api/v1/namespaces/default/pods/{name}");
        Assert.Equal("acme", aliceView.GetProperty("metadata").GetProperty("tenant").GetString());

        // The system tenant lists every tenant with "all".
        var everywhere = await NamesAsync(_admin, "/api/v1/tenants/all/pods");
        Assert.Equal(2, everywhere.Count(n => n == name));
    }

    [Theory]
    [InlineData("GET", "/api/v1/tenants/system/namespaces/default/pods")]
    [InlineData("GET", "/api/v1/tenants/all/pods")]
    [InlineData("POST", "/api/v1/nodes")]
    [InlineData("POST", "/api/v1/tenants")]
    [InlineData("GET", "/tenants/system/api/v1/namespaces")]
    public async Task RegularTenant_CannotReachOtherTenantsOrClusterObjects(string method, string path)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (method == "POST")
        {
            request.Content = Json("""{"metadata":{"name":"x"}}""");
        }

        using var response = await _alice.SendAsync(request);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var status = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Forbidden", status.GetProperty("reason").GetString());
    }

    [Fact]
    public async Task KubectlWithTenantServerPrefix_SeesOnlyThatTenant()
    {
        var name = "prefixed-" + Guid.NewGuid().ToString("N")[..6];
        (await _admin.PostAsync("/api/v1/tenants/acme/namespaces/kube-public/pods", Json(Pod(name, "acme")))).EnsureSuccessStatusCode();
        var server = new Uri(cluster.Url, "/tenants/acme").ToString();
        var result = (await cluster.KubectlAsync("--server", server, "get", "pods", "-n", "kube-public", "-o", "name")).EnsureSuccess("kubectl with /tenants/acme prefix");
        Assert.Equal($"pod/{name}", result.Stdout.Trim());
        var systemView = (await cluster.KubectlAsync("get", "pods", "-n", "kube-public", "-o", "name")).EnsureSuccess("kubectl in system tenant");
        Assert.DoesNotContain(name, systemView.Stdout);
    }

    private static string Pod(string name, string tenant) =>
        $$$"""{"apiVersion":"v1","kind":"Pod","metadata":{"name":"{{{name}}}","labels":{"tenant":"{{{tenant}}}"}},"spec":{"containers":[{"name":"c","image":"ursa.local/busybox:latest"}]}}""";

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    private static async Task<List<string>> NamesAsync(HttpClient client, string path)
    {
        var list = await client.GetFromJsonAsync<JsonElement>(path);
        return list.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("metadata").GetProperty("name").GetString()!).ToList();
    }
}
