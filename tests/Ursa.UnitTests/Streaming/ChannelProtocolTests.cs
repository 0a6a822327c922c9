using Ursa.NodeAgent.Streaming;
using Ursa.NodeAgent.Streaming.Internal;

namespace Ursa.UnitTests.Streaming;

public sealed class ChannelProtocolTests
{
    [Theory]
    [InlineData(new[] { "v5.channel.k8s.io", "v4.channel.k8s.io", "v3.channel.k8s.io", "v2.channel.k8s.io", "channel.k8s.io" }, "v5.channel.k8s.io")]
    [InlineData(new[] { "v4.channel.k8s.io, v5.channel.k8s.io" }, "v5.channel.k8s.io")]
    [InlineData(new[] { "v4.channel.k8s.io", "v3.channel.k8s.io" }, "v4.channel.k8s.io")]
    [InlineData(new[] { "v3.channel.k8s.io", "base64.channel.k8s.io" }, null)]
    [InlineData(new string[0], null)]
    public void Negotiate_PicksTheNewestCommonProtocol(string[] offered, string? expected) =>
        Assert.Equal(expected, ChannelProtocol.Negotiate(offered));

    [Fact]
    public void Frame_PutsTheChannelFirst() =>
        Assert.Equal(new byte[] { 1, (byte)'h', (byte)'i' }, ChannelProtocol.Frame(ChannelProtocol.Stdout, "hi"u8));

    [Theory]
    [InlineData("""{"Width":80,"Height":24}""", true, 80, 24)]
    [InlineData("""{"Height":50,"Width":200}""", true, 200, 50)]
    [InlineData("""{"Width":80}""", false, 0, 0)]
    [InlineData("""{"Width":-1,"Height":24}""", false, 0, 0)]
    [InlineData("[80,24]", false, 0, 0)]
    [InlineData("{", false, 0, 0)]
    public void TryParseSize_ReadsResizeMessages(string json, bool ok, int width, int height)
    {
        Assert.Equal(ok, WebSocketExecSession.TryParseSize(System.Text.Encoding.UTF8.GetBytes(json), out var size));
        Assert.Equal(new TerminalSize((ushort)width, (ushort)height), size);
    }
}
