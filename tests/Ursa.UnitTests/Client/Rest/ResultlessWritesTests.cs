using System.Text;
using System.Text.Json.Nodes;
using Ursa.Api.Core;
using Ursa.Api.Meta;
using Ursa.Api.Serialization;
using Ursa.Client.Rest;

namespace Ursa.UnitTests.Client.Rest;

public sealed class ResultlessWritesTests
{
    private static readonly Event Event = new()
    {
        Metadata = new ObjectMeta { Name = "e1", Namespace = "ns1", Tenant = "t1" },
        Reason = "Scheduled",
    };

    private static readonly byte[] Patch = Encoding.UTF8.GetBytes("""{"status":{"phase":"Running"}}""");

    [Fact]
    public async Task Create_ClientWithTheCapability_SendsTheObjectsBytesIntoItsTenantAndNamespace()
    {
        var client = new ResultlessRecordingClient();

        await client.CreateWithoutResultAsync(ResourceRef.Events, Event, UrsaJsonContext.Default.Event, CancellationToken.None);

        var (write, tenant, ns, body) = Assert.Single(client.Resultless);
        Assert.Equal(("create", "t1", "ns1"), (write, tenant, ns));
        Assert.Equal("Scheduled", (string?)JsonNode.Parse(body)!["reason"]);
        Assert.Empty(client.Typed);
    }

    [Fact]
    public async Task Create_ClientWithout_UsesTheTypedCreate()
    {
        var client = new RecordingClient();

        await client.CreateWithoutResultAsync(ResourceRef.Events, Event, UrsaJsonContext.Default.Event, CancellationToken.None);

        Assert.Equal(["create events e1"], client.Typed);
    }

    [Fact]
    public async Task Patch_ClientWithTheCapability_SendsThePatchBytes()
    {
        var client = new ResultlessRecordingClient();

        await client.PatchWithoutResultAsync<Pod>(ResourceRef.Pods, "t1", "ns1", "p1", PatchType.StrategicMerge, Patch, "status", CancellationToken.None);

        var (write, tenant, ns, body) = Assert.Single(client.Resultless);
        Assert.Equal(("patch p1/status StrategicMerge", "t1", "ns1"), (write, tenant, ns));
        Assert.Equal(Patch, body);
        Assert.Empty(client.Typed);
    }

    [Fact]
    public async Task Patch_ClientWithout_UsesTheTypedPatchWithTheSameDocument()
    {
        var client = new RecordingClient();

        await client.PatchWithoutResultAsync<Pod>(ResourceRef.Pods, "t1", "ns1", "p1", PatchType.StrategicMerge, Patch, "status", CancellationToken.None);

        Assert.Equal(["""patch pods t1/ns1/p1/status StrategicMerge {"status":{"phase":"Running"}}"""], client.Typed);
    }

    /// <summary>Records the two typed writes; nothing else is used.</summary>
    private class RecordingClient : IApiClient
    {
        public List<string> Typed { get; } = [];

        public Task<T> CreateAsync<T>(ResourceRef resource, T obj, CancellationToken cancellationToken)
            where T : KubeObject
        {
            Typed.Add($"create {resource.Plural} {obj.Metadata.Name}");
            return Task.FromResult(obj);
        }

        public Task<T> PatchAsync<T>(ResourceRef resource, string? tenant, string? ns, string name, PatchType type, string patch, string? subresource, CancellationToken cancellationToken)
            where T : KubeObject
        {
            Typed.Add($"patch {resource.Plural} {tenant}/{ns}/{name}/{subresource} {type} {patch}");
            return Task.FromResult<T>(null!);
        }

        public Task<T> GetAsync<T>(ResourceRef resource, string? tenant, string? ns, string name, CancellationToken cancellationToken)
            where T : KubeObject => throw new NotSupportedException();

        public Task<ObjectList<T>> ListAsync<T>(ResourceRef resource, ListOptions options, CancellationToken cancellationToken)
            where T : KubeObject => throw new NotSupportedException();

        public Task<T> UpdateAsync<T>(ResourceRef resource, T obj, string? subresource, CancellationToken cancellationToken)
            where T : KubeObject => throw new NotSupportedException();

        public Task DeleteAsync(ResourceRef resource, string? tenant, string? ns, string name, DeleteOptions? options, CancellationToken cancellationToken) =>
            throw new NotSupportedException();

        public IAsyncEnumerable<ObjectEvent<T>> WatchAsync<T>(ResourceRef resource, ListOptions options, CancellationToken cancellationToken)
            where T : KubeObject => throw new NotSupportedException();

        public Task<string> PostSubresourceAsync(ResourceRef resource, string? tenant, string? ns, string name, string subresource, string json, CancellationToken cancellationToken) =>
            throw new NotSupportedException();
    }

    /// <summary>A client with the capability: records its resultless writes too.</summary>
    private sealed class ResultlessRecordingClient : RecordingClient, IResultlessWriteClient
    {
        public List<(string Write, string? Tenant, string? Ns, byte[] Body)> Resultless { get; } = [];

        public Task CreateAsync(ResourceRef resource, string? tenant, string? ns, ReadOnlyMemory<byte> json, CancellationToken cancellationToken)
        {
            Resultless.Add(("create", tenant, ns, json.ToArray()));
            return Task.CompletedTask;
        }

        public Task PatchAsync(ResourceRef resource, string? tenant, string? ns, string name, PatchType type, ReadOnlyMemory<byte> patch, string? subresource, CancellationToken cancellationToken)
        {
            Resultless.Add(($"patch {name}/{subresource} {type}", tenant, ns, patch.ToArray()));
            return Task.CompletedTask;
        }
    }
}
