using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Ursa.Api.Core;
using Ursa.Api.Meta;
using Ursa.Client.Connection;
using Ursa.Client.Rest;
using Ursa.IntegrationTests.Infrastructure;

namespace Ursa.IntegrationTests.Scheduling;

/// <summary>
/// Ursa's batched binds (<c>POST /apis/scheduling.ursa.io/v1/bindings</c>) against the real server: each entry is a
/// bind of its own (own resourceVersion and watch event, refused on its own), and a tenant's caller binds only its
/// own tenant's pods.
/// </summary>
[Collection(ControlPlaneCollection.Name)]
public class BindingBatchTests(ControlPlaneFixture cluster) : IAsyncLifetime
{
    private readonly string _ns = "bb-" + Guid.NewGuid().ToString("N")[..8];
    private readonly HttpClient _admin = cluster.CreateClient();
    private readonly ApiClient _client = new(KubeconfigReader.Load(cluster.KubeconfigPath));

    public async Task InitializeAsync()
    {
        using var ns = await _admin.PostAsync("/api/v1/namespaces", Json($$$"""{"metadata":{"name":"{{{_ns}}}"}}"""));
        ns.EnsureSuccessStatusCode();
    }

    public Task DisposeAsync()
    {
        _admin.Dispose();
        _client.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task BindPods_BindsEachWithItsOwnVersion_AndRefusesOnlyTheEntriesThatCannotBind()
    {
        var pods = new List<Pod>();
        for (var i = 0; i < 5; i++)
        {
            pods.Add(await _client.CreateAsync(ResourceRef.Pods, NewPod($"b-{i}"), CancellationToken.None));
        }

        // b-1 is bound already, b-2 is named with a uid that is not its own, b-3 is gone.
        await _client.PostSubresourceAsync(ResourceRef.Pods, null, _ns, "b-1", "binding", $$$"""{"metadata":{"name":"b-1"},"target":{"name":"node-x"}}""", CancellationToken.None);
        await _client.DeleteAsync(ResourceRef.Pods, null, _ns, "b-3", new DeleteOptions { GracePeriodSeconds = 0 }, CancellationToken.None);
        var before = long.Parse(pods[^1].Metadata.ResourceVersion!, System.Globalization.CultureInfo.InvariantCulture);

        var results = await _client.BindPodsAsync(
            [
                Entry(pods[0], "node-a"),
                Entry(pods[1], "node-a"),
                Entry(pods[2], "node-a") with { Uid = "not-its-uid" },
                Entry(pods[3], "node-a"),
                Entry(pods[4], "node-b"),
            ],
            CancellationToken.None);

        Assert.Equal(5, results.Count);
        Assert.Null(results[0]);
        Assert.Equal(HttpStatusCode.Conflict, results[1]!.Code);
        Assert.Contains("node-x", results[1]!.Message, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, results[2]!.Code);
        Assert.Equal(HttpStatusCode.NotFound, results[3]!.Code);
        Assert.Null(results[4]);

        var a = await _client.GetAsync<Pod>(ResourceRef.Pods, null, _ns, "b-0", CancellationToken.None);
        var b = await _client.GetAsync<Pod>(ResourceRef.Pods, null, _ns, "b-4", CancellationToken.None);
        var refused = await _client.GetAsync<Pod>(ResourceRef.Pods, null, _ns, "b-2", CancellationToken.None);
        Assert.Equal("node-a", a.Spec!.NodeName);
        Assert.Equal("node-b", b.Spec!.NodeName);
        Assert.True(string.IsNullOrEmpty(refused.Spec!.NodeName), "the entry with a wrong uid must not bind");
        Assert.Equal("True", a.Status!.Conditions!.Single(c => c.Type == "PodScheduled").Status);

        // One revision per write: the two binds have distinct versions, both newer than anything before the batch.
        var versions = new[] { a, b }.Select(p => long.Parse(p.Metadata.ResourceVersion!, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.All(versions, v => Assert.True(v > before, $"version {v} is not after {before}"));
        Assert.NotEqual(versions[0], versions[1]);
    }

    [Fact]
    public async Task BindPods_EachEntryReachesAWatch_AsItsOwnEvent()
    {
        var pods = new List<Pod>();
        for (var i = 0; i < 3; i++)
        {
            pods.Add(await _client.CreateAsync(ResourceRef.Pods, NewPod($"w-{i}"), CancellationToken.None));
        }

        using var watching = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        var watch = Task.Run(async () =>
        {
            await foreach (var e in _client.WatchAsync<Pod>(ResourceRef.Pods, new ListOptions { Namespace = _ns, ResourceVersion = pods[^1].Metadata.ResourceVersion }, watching.Token))
            {
                if (e.Object.Spec?.NodeName is { Length: > 0 } node)
                {
                    Assert.True(seen.TryAdd(e.Object.Metadata.ResourceVersion!, e.Object.Metadata.Name!), "two events with one resourceVersion");
                    if (seen.Count == 3)
                    {
                        return;
                    }
                }
            }
        });

        var results = await _client.BindPodsAsync([.. pods.Select(p => Entry(p, "node-w"))], CancellationToken.None);
        Assert.All(results, Assert.Null);
        await watch.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(["w-0", "w-1", "w-2"], seen.Values.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task BindPods_ByATenantsUser_BindsItsOwnPodsOnly()
    {
        using var tenant = await _admin.PostAsync("/api/v1/tenants", Json("""{"apiVersion":"v1","kind":"Tenant","metadata":{"name":"acme"}}"""));
        Assert.True(tenant.StatusCode is HttpStatusCode.Created or HttpStatusCode.Conflict, await tenant.Content.ReadAsStringAsync());
        var name = "t-" + Guid.NewGuid().ToString("N")[..6];
        await Eventually.UntilAsync(
            async () =>
            {
                using var created = await _admin.PostAsync("/api/v1/tenants/acme/namespaces/default/pods", Json(PodJson(name)));
                return created.StatusCode;
            },
            code => code is HttpStatusCode.Created or HttpStatusCode.Conflict,
            TimeSpan.FromSeconds(10),
            code => $"acme's pod to be created once its default namespace exists (last answer {(int)code})");
        (await _admin.PostAsync($"/api/v1/namespaces/{_ns}/pods", Json(PodJson(name)))).EnsureSuccessStatusCode();

        using var alice = cluster.CreateClient(ControlPlaneFixture.AcmeToken, admin: false);
        var body = $$$"""
            {"apiVersion":"scheduling.ursa.io/v1","kind":"BindingList","items":[
              {"metadata":{"namespace":"default","name":"{{{name}}}"},"target":{"name":"node-t"}},
              {"metadata":{"tenant":"system","namespace":"{{{_ns}}}","name":"{{{name}}}"},"target":{"name":"node-t"}}]}
            """;
        using var response = await alice.PostAsync("/apis/scheduling.ursa.io/v1/bindings", Json(body));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        var items = JsonNode.Parse(text)!["items"]!.AsArray();
        Assert.Equal(201, items[0]!["code"]!.GetValue<int>());
        Assert.Equal(403, items[1]!["code"]!.GetValue<int>());

        var own = await _client.GetAsync<Pod>(ResourceRef.Pods, "acme", "default", name, CancellationToken.None);
        var other = await _client.GetAsync<Pod>(ResourceRef.Pods, null, _ns, name, CancellationToken.None);
        Assert.Equal("node-t", own.Spec!.NodeName);
        Assert.True(string.IsNullOrEmpty(other.Spec!.NodeName), "another tenant's pod must not be bound");
    }

    [Fact]
    public async Task BindPods_RefusesAnOversizedBatch_AsAWhole()
    {
        var items = string.Join(',', Enumerable.Range(0, 1_001).Select(i => $$$"""{"metadata":{"namespace":"{{{_ns}}}","name":"x-{{{i}}}"},"target":{"name":"n"}}"""));
        using var response = await _admin.PostAsync("/apis/scheduling.ursa.io/v1/bindings", Json($$"""{"items":[{{items}}]}"""));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    private PodBinding Entry(Pod pod, string node) => new(pod.Metadata.Tenant, _ns, pod.Metadata.Name!, pod.Metadata.Uid, node);

    private Pod NewPod(string name) => new()
    {
        Metadata = new ObjectMeta { Name = name, Namespace = _ns },
        Spec = new PodSpec { SchedulerName = "nobody", Containers = [new Container { Name = "c", Image = "busybox" }] },
    };

    private static string PodJson(string name) =>
        $$$"""{"apiVersion":"v1","kind":"Pod","metadata":{"name":"{{{name}}}"},"spec":{"schedulerName":"nobody","containers":[{"name":"c","image":"busybox"}]}}""";

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");
}
