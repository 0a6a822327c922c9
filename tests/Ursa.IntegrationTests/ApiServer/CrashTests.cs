using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Ursa.IntegrationTests.Infrastructure;

namespace Ursa.IntegrationTests.ApiServer;

/// <summary>kill -9 of the server during a storm of creates loses no acknowledged write.</summary>
public sealed class CrashTests
{
    private const int Total = 1000;
    private const int Clients = 64;

    [Fact]
    public async Task KillDuringConcurrentCreates_EveryAcknowledgedPodSurvivesRestart()
    {
        using var directory = new TestDirectory("crash");
        var data = Path.Combine(directory.Path, "data");
        var server = await UrsaServerProcess.StartAsync(data);
        var acknowledged = new ConcurrentBag<string>();
        try
        {
            var caPem = await File.ReadAllTextAsync(Path.Combine(data, "pki", "ca.crt"));
            var token = (await File.ReadAllLinesAsync(Path.Combine(data, "tokens.csv"))).First().Split(',')[0];
            using var client = ControlPlaneFixture.CreateClient(server.Url, caPem, token);
            var next = -1;
            var storm = Enumerable.Range(0, Clients).Select(async _ =>
            {
                while (Interlocked.Increment(ref next) is var i && i < Total)
                {
                    var name = $"crash-{i}";
                    try
                    {
                        using var response = await client.PostAsync("/api/v1/namespaces/default/pods", new StringContent(
                            $$$"""{"metadata":{"name":"{{{name}}}"},"spec":{"containers":[{"name":"c","image":"ursa.local/busybox:latest"}]}}""", Encoding.UTF8, "application/json"));
                        if (response.IsSuccessStatusCode)
                        {
                            acknowledged.Add(name);
                        }
                    }
                    catch (HttpRequestException)
                    {
                        return; // The server is gone: this client stops.
                    }
                }
            }).ToList();

            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (acknowledged.Count < 300 && DateTime.UtcNow < deadline)
            {
                await Task.Delay(5);
            }

            Assert.True(acknowledged.Count >= 300, $"only {acknowledged.Count} creates were acknowledged within 60 s before the kill");
            await server.KillAsync();
            await Task.WhenAll(storm);
            Assert.True(acknowledged.Count < Total, "the storm finished before the kill; the test proved nothing");

            await server.DisposeAsync();
            server = await UrsaServerProcess.StartAsync(data, server.Port);
            using var after = ControlPlaneFixture.CreateClient(server.Url, caPem, token);
            var list = await after.GetFromJsonAsync<JsonElement>("/api/v1/namespaces/default/pods");
            var present = list.GetProperty("items").EnumerateArray().Select(p => p.GetProperty("metadata").GetProperty("name").GetString()!).ToHashSet();
            var missing = acknowledged.Where(name => !present.Contains(name)).ToList();
            Assert.True(missing.Count == 0, $"{missing.Count} of {acknowledged.Count} acknowledged pods were lost: {string.Join(", ", missing.Take(10))}");
        }
        finally
        {
            await server.DisposeAsync();
        }
    }
}
