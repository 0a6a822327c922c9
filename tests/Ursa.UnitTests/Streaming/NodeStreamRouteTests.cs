using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;
using Ursa.NodeAgent.Streaming;
using Ursa.NodeAgent.Streaming.Internal;

namespace Ursa.UnitTests.Streaming;

public sealed class NodeStreamRouteTests
{
    [Theory]
    [InlineData("/containerLogs/acme/default/web/main", "containerLogs", "acme", "default", "web", "main")]
    [InlineData("/exec/system/kube-system/p/c", "exec", "system", "kube-system", "p", "c")]
    [InlineData("/attach/t/ns/vm-pod/vm", "attach", "t", "ns", "vm-pod", "vm")]
    [InlineData("/exec/t/ns/p%20q/c", "exec", "t", "ns", "p q", "c")]
    public void Parse_StreamingPaths(string path, string kind, string tenant, string ns, string pod, string container) =>
        Assert.Equal((kind, new ContainerTarget(tenant, ns, pod, container)), NodeStreamRoute.Parse(path));

    [Theory]
    [InlineData("/")]
    [InlineData("/exec/t/ns/p")]
    [InlineData("/exec/t/ns/p/c/extra")]
    [InlineData("/portForward/t/ns/p/c")]
    [InlineData("/exec/t//p/c")]
    [InlineData("exec/t/ns/p/c/")]
    public void Parse_OtherPaths_AreNull(string path) => Assert.Null(NodeStreamRoute.Parse(path));

    [Fact]
    public void ParseLogs_ReadsEveryOption()
    {
        var target = new ContainerTarget("t", "ns", "p", "c");
        var query = new QueryCollection(new Dictionary<string, StringValues>
        {
            ["follow"] = "true",
            ["previous"] = "1",
            ["timestamps"] = "false",
            ["tailLines"] = "10",
            ["sinceSeconds"] = "60",
            ["limitBytes"] = "500",
        });

        Assert.Equal(
            new LogRequest(target) { Follow = true, Previous = true, Timestamps = false, TailLines = 10, SinceSeconds = 60, LimitBytes = 500 },
            NodeStreamRoute.ParseLogs(target, query));
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("ten")]
    public void ParseLogs_BadNumbers_AreBadRequests(string tail)
    {
        var query = new QueryCollection(new Dictionary<string, StringValues> { ["tailLines"] = tail });

        var error = Assert.Throws<PodStreamingException>(() => NodeStreamRoute.ParseLogs(new ContainerTarget("t", "n", "p", "c"), query));

        Assert.Equal(System.Net.HttpStatusCode.BadRequest, error.Code);
    }

    [Fact]
    public void ParseCommandAndStreams_KeepArgumentOrder()
    {
        var query = new QueryCollection(new Dictionary<string, StringValues>
        {
            ["command"] = new StringValues(["sh", "-c", "echo hi; exit 3"]),
            ["stdin"] = "true",
            ["stdout"] = "true",
            ["tty"] = "true",
        });

        Assert.Equal(["sh", "-c", "echo hi; exit 3"], NodeStreamRoute.ParseCommand(query));
        Assert.Equal(new StreamSelection(Stdin: true, Stdout: true, Stderr: false, Tty: true), NodeStreamRoute.ParseStreams(query));
    }
}
