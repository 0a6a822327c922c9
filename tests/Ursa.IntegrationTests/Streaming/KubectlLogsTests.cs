using System.Net;
using System.Text.Json.Nodes;

namespace Ursa.IntegrationTests.Streaming;

/// <summary><c>kubectl logs</c> through the API server to a node streaming server, with the real kubectl.</summary>
[Collection(NodeStreamingCollection.Name)]
public sealed class KubectlLogsTests(NodeStreamingFixture cluster) : StreamingTestBase(cluster)
{
    [Fact]
    public async Task Logs_PrintsTheContainersOutput_JoiningPartialEntries()
    {
        var pod = await CreatePodAsync(Unique("logs"));

        var result = (await KubectlIn("logs", pod)).EnsureSuccess("kubectl logs");

        Assert.Equal(MainText, result.Stdout);
    }

    [Fact]
    public async Task Logs_Tail_PrintsOnlyTheLastLines()
    {
        var pod = await CreatePodAsync(Unique("tail"));

        var result = (await KubectlIn("logs", pod, "--tail=2")).EnsureSuccess("kubectl logs --tail=2");

        Assert.Equal("part one, part two\nlast line\n", result.Stdout);
    }

    [Fact]
    public async Task Logs_Timestamps_PrefixEveryEntry()
    {
        var pod = await CreatePodAsync(Unique("ts"));

        var result = (await KubectlIn("logs", pod, "--timestamps", "--tail=1")).EnsureSuccess("kubectl logs --timestamps");

        Assert.Equal("2026-11-21T08:00:03Z last line\n", result.Stdout);
    }

    [Fact]
    public async Task Logs_ContainerFlag_SelectsTheContainer()
    {
        var pod = await CreatePodAsync(Unique("two"), containers: ["main", "side"]);

        var result = (await KubectlIn("logs", pod, "-c", "side")).EnsureSuccess("kubectl logs -c side");

        Assert.Equal("I am side\n", result.Stdout);
    }

    [Fact]
    public async Task Logs_Previous_ReadsThePreviousInstance()
    {
        var pod = await CreatePodAsync(Unique("prev"));
        WriteLog(pod, "main", "2026-11-21T07:00:00Z stdout F before the restart\n", previous: true);

        var result = (await KubectlIn("logs", pod, "--previous")).EnsureSuccess("kubectl logs --previous");

        Assert.Equal("before the restart\n", result.Stdout);
    }

    [Fact]
    public async Task Logs_Follow_StreamsAppendedLines_AndEndsWhenTheContainerStops()
    {
        var pod = await CreatePodAsync(Unique("follow"));
        await using var follow = StartKubectl("logs", "-f", pod);
        await follow.WaitForStdoutAsync("last line\n", Deadline);

        WriteLog(pod, "main", "2026-11-21T08:00:04Z stdout F appended while following\n", append: true);
        await follow.WaitForStdoutAsync("appended while following\n", Deadline);
        WriteLog(pod, "main", "2026-11-21T08:00:05Z stdout F the last words\n", append: true);
        Cluster.Backend.Stop(pod, "main");

        var result = await follow.WaitForExitAsync(Deadline);
        Assert.Equal(0, result.ExitCode);
        Assert.Equal(MainText + "appended while following\nthe last words\n", result.Stdout);
    }

    [Fact]
    public async Task Logs_Follow_ClientGoesAway_TheNodeStopsFollowing()
    {
        var pod = await CreatePodAsync(Unique("gone"));
        await using (var follow = StartKubectl("logs", "-f", pod))
        {
            await follow.WaitForStdoutAsync("last line\n", Deadline);
            Assert.Equal(1, Cluster.Backend.LogReaders(pod));
        }

        // kubectl was killed: the API server's request ends, so does its request to the node.
        await Infrastructure.Eventually.UntilAsync(() => Task.FromResult(Cluster.Backend.LogReaders(pod)), n => n == 0, Deadline, n => $"the node's follower of {pod} to end ({n} left)");
    }

    [Fact]
    public async Task Logs_WithoutContainer_OnAPodWithSeveral_IsABadRequestListingThem()
    {
        var pod = await CreatePodAsync(Unique("many"), containers: ["main", "side"]);
        using var client = Cluster.CreateClient();

        var response = await client.GetAsync($"/api/v1/namespaces/{Ns}/pods/{pod}/log");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var status = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal($"a container name must be specified for pod {pod}, choose one of: [main side]", status["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task Logs_WithoutContainer_UsesTheDefaultContainerAnnotation()
    {
        var pod = await CreatePodAsync(Unique("annotated"), containers: ["main", "side"], annotations: "{kubectl.kubernetes.io/default-container: side}");
        using var client = Cluster.CreateClient();

        var response = await client.GetAsync($"/api/v1/namespaces/{Ns}/pods/{pod}/log");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("I am side\n", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Logs_UnscheduledPod_SaysItHasNoHost()
    {
        var pod = await CreatePodAsync(Unique("pending"), node: null);

        var result = await KubectlIn("logs", pod);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains($"pod {pod} does not have a host assigned", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Logs_NodeNotListening_NamesTheNode()
    {
        var pod = await CreatePodAsync(Unique("dead"), node: NodeStreamingFixture.DeadNodeName);

        var result = await KubectlIn("logs", pod);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains($"cannot reach node \"{NodeStreamingFixture.DeadNodeName}\"", result.Stderr, StringComparison.Ordinal);
    }
}
