using System.Text;
using System.Text.Json.Nodes;
using Ursa.NodeAgent.Streaming;

namespace Ursa.UnitTests.Streaming;

public sealed class ChannelStatusTests
{
    [Fact]
    public void ForExitCode_NonZero_IsTheFailureKubectlTurnsIntoItsExitCode()
    {
        var status = JsonNode.Parse(ChannelStatus.ForExitCode(3))!;

        Assert.Equal("Failure", status["status"]!.GetValue<string>());
        Assert.Equal("NonZeroExitCode", status["reason"]!.GetValue<string>());
        Assert.Equal("ExitCode", status["details"]!["causes"]![0]!["reason"]!.GetValue<string>());
        Assert.Equal("3", status["details"]!["causes"]![0]!["message"]!.GetValue<string>());
        Assert.Equal("Status", status["kind"]!.GetValue<string>());
    }

    [Fact]
    public void ForExitCode_Zero_IsSuccess() =>
        Assert.Equal("Success", JsonNode.Parse(ChannelStatus.ForExitCode(0))!["status"]!.GetValue<string>());

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(137)]
    [InlineData(255)]
    public void Parse_ReadsBackTheExitCode(int code) =>
        Assert.Equal((code, null), ChannelStatus.Parse(ChannelStatus.ForExitCode(code)));

    [Theory]
    [InlineData("", 0, null)]
    [InlineData("""{"status":"Success"}""", 0, null)]
    [InlineData("""{"status":"Failure","message":"container not found (\"c\")","reason":"InternalError"}""", null, "container not found (\"c\")")]
    [InlineData("""{"status":"Failure","reason":"NonZeroExitCode","message":"m","details":{"causes":[{"reason":"ExitCode","message":"x"}]}}""", null, "m")]
    public void Parse_Cases(string json, int? exitCode, string? message) =>
        Assert.Equal((exitCode, message), ChannelStatus.Parse(Encoding.UTF8.GetBytes(json)));

    [Fact]
    public void Parse_MalformedJson_IsAFailureSayingSo()
    {
        var (exitCode, message) = ChannelStatus.Parse("not json"u8);

        Assert.Null(exitCode);
        Assert.StartsWith("malformed status on the error channel: ", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Failure_CarriesMessageReasonAndCode()
    {
        var status = JsonNode.Parse(ChannelStatus.Failure("no such pod", "NotFound", 404))!;

        Assert.Equal(("Failure", "no such pod", "NotFound", 404), (status["status"]!.GetValue<string>(), status["message"]!.GetValue<string>(), status["reason"]!.GetValue<string>(), status["code"]!.GetValue<int>()));
    }
}
