using System.Text;
using System.Text.Json;
using Ursa.Api.Core;
using Ursa.Api.Meta;
using Ursa.Api.Serialization;
using Ursa.Client.Connection;
using Ursa.Client.Rest;
using Ursa.IntegrationTests.Infrastructure;

namespace Ursa.IntegrationTests.Client;

/// <summary>Writes that skip decoding the returned object still write, and still report the server's errors.</summary>
[Collection(ControlPlaneCollection.Name)]
public sealed class ResultlessWriteTests(ControlPlaneFixture cluster)
{
    [Fact]
    public async Task CreateAndStatusPatch_AreApplied_AndErrorsAreThrown()
    {
        using var client = new ApiClient(KubeconfigReader.Load(cluster.KubeconfigPath));
        IResultlessWriteClient writes = client;
        var ns = "rw-" + Guid.NewGuid().ToString("N")[..8];
        await client.CreateAsync(ResourceRef.Namespaces, new Namespace { Metadata = new ObjectMeta { Name = ns } }, CancellationToken.None);
        var pod = new Pod
        {
            Metadata = new ObjectMeta { Name = "p1", Namespace = ns },
            Spec = new PodSpec { Containers = [new Container { Name = "c", Image = "ursa.local/busybox:latest" }] },
        };

        await writes.CreateAsync(ResourceRef.Pods, null, ns, JsonSerializer.SerializeToUtf8Bytes(pod, UrsaJsonContext.Default.Pod), CancellationToken.None);
        await writes.PatchAsync(ResourceRef.Pods, null, ns, "p1", PatchType.StrategicMerge, Encoding.UTF8.GetBytes("""{"status":{"phase":"Running","podIP":"127.0.0.9"}}"""), "status", CancellationToken.None);

        var stored = await client.GetAsync<Pod>(ResourceRef.Pods, null, ns, "p1", CancellationToken.None);
        Assert.Equal(("Running", "127.0.0.9"), (stored.Status?.Phase, stored.Status?.PodIP));

        var exists = await Assert.ThrowsAsync<ApiStatusException>(() => writes.CreateAsync(ResourceRef.Pods, null, ns, JsonSerializer.SerializeToUtf8Bytes(pod, UrsaJsonContext.Default.Pod), CancellationToken.None));
        Assert.True(exists.IsAlreadyExists);
        var missing = await Assert.ThrowsAsync<ApiStatusException>(() => writes.PatchAsync(ResourceRef.Pods, null, ns, "nope", PatchType.Merge, "{}"u8.ToArray(), "status", CancellationToken.None));
        Assert.True(missing.IsNotFound);
    }
}
