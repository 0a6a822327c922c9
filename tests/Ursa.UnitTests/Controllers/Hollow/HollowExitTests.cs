using System.Text.Json.Nodes;
using Ursa.Api.Core;
using Ursa.Api.Meta;
using Ursa.NodeAgent.Hollow;

namespace Ursa.UnitTests.Controllers.Hollow;

public sealed class HollowExitTests
{
    [Theory]
    [InlineData("1s", 1000)]
    [InlineData("250ms", 250)]
    [InlineData("1.5s", 1500)]
    [InlineData("2m", 120_000)]
    [InlineData("1h", 3_600_000)]
    public void ParseDuration_GoStyleUnits(string text, int millis) =>
        Assert.Equal(TimeSpan.FromMilliseconds(millis), HollowExit.ParseDuration(text));

    [Theory]
    [InlineData("")]
    [InlineData("5")]
    [InlineData("s")]
    [InlineData("-1s")]
    public void ParseDuration_RejectsMalformed(string text) => Assert.Null(HollowExit.ParseDuration(text));

    [Fact]
    public void Of_ReadsDelayAndCode_OrNothingWithoutTheAnnotation()
    {
        Assert.Null(HollowExit.Of(PodWith(null, null)));
        Assert.Equal(new HollowExit(TimeSpan.FromSeconds(1), 0), HollowExit.Of(PodWith("1s", null)));
        Assert.Equal(new HollowExit(TimeSpan.FromMilliseconds(10), 3), HollowExit.Of(PodWith("10ms", "3")));
    }

    [Theory]
    [InlineData("Never", 0, false)]
    [InlineData("Never", 1, false)]
    [InlineData("OnFailure", 0, false)]
    [InlineData("OnFailure", 1, true)]
    [InlineData("Always", 0, true)]
    public void Restarts_FollowsRestartPolicyLikeTheKubelet(string policy, int code, bool restarts)
    {
        var pod = PodWith("1s", null);
        pod.Spec!.RestartPolicy = policy;
        Assert.Equal(restarts, new HollowExit(TimeSpan.FromSeconds(1), code).Restarts(pod));
    }

    [Fact]
    public void Terminated_FailedWithExitCode_ForEveryContainer()
    {
        var at = new DateTimeOffset(2026, 11, 21, 0, 0, 5, TimeSpan.Zero);
        var patch = JsonNode.Parse(HollowPodStatus.Terminated(PodWith("1s", "2"), 2, at.AddSeconds(-1), at, 0))!["status"]!;
        Assert.Equal("Failed", (string?)patch["phase"]);
        var terminated = patch["containerStatuses"]![0]!["state"]!["terminated"]!;
        Assert.Equal(2, (int?)terminated["exitCode"]);
        Assert.Equal("Error", (string?)terminated["reason"]);
        Assert.Equal("2026-11-21T00:00:05Z", (string?)terminated["finishedAt"]);
        Assert.Equal("False", (string?)patch["conditions"]!.AsArray().Single(c => (string?)c!["type"] == "Ready")!["status"]);
    }

    [Fact]
    public void Terminated_ExitZero_Succeeded()
    {
        var at = new DateTimeOffset(2026, 11, 21, 0, 0, 5, TimeSpan.Zero);
        var patch = JsonNode.Parse(HollowPodStatus.Terminated(PodWith("1s", null), 0, at, at, 0))!["status"]!;
        Assert.Equal("Succeeded", (string?)patch["phase"]);
        Assert.Equal("Completed", (string?)patch["containerStatuses"]![0]!["state"]!["terminated"]!["reason"]);
    }

    private static Pod PodWith(string? after, string? code)
    {
        var annotations = new Dictionary<string, string>();
        if (after is not null)
        {
            annotations[HollowExit.AfterAnnotation] = after;
        }

        if (code is not null)
        {
            annotations[HollowExit.CodeAnnotation] = code;
        }

        return new Pod
        {
            Metadata = new ObjectMeta { Name = "p", Uid = "u", Annotations = annotations },
            Spec = new PodSpec { Containers = [new Container { Name = "main", Image = "busybox" }], RestartPolicy = "Never" },
        };
    }
}
