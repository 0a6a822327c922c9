using Ursa.Runtimes.Containerd;

namespace Ursa.UnitTests.Runtimes.Containerd;

public sealed class CommandLineTests
{
    [Theory]
    [InlineData(new[] { "version" }, "/usr/bin/ctr version")]
    [InlineData(new[] { "--net=/var/run/netns/u", "a b" }, "/usr/bin/ctr --net=/var/run/netns/u 'a b'")]
    [InlineData(new[] { "it's" }, "/usr/bin/ctr 'it'\\''s'")]
    [InlineData(new[] { "" }, "/usr/bin/ctr ''")]
    public void ToString_Arguments_QuotedForAShell(string[] arguments, string expected)
    {
        Assert.Equal(expected, CommandLine.Of("/usr/bin/ctr", arguments).ToString());
    }

    [Fact]
    public void EnsureSuccess_NonZero_ThrowsWithCommandAndStderr()
    {
        var result = new CommandResult(CommandLine.Of("/usr/sbin/ip", "netns", "add", "x"), 1, "", "File exists\n");

        CommandFailedException error = Assert.Throws<CommandFailedException>(() => result.EnsureSuccess());

        Assert.Equal("'/usr/sbin/ip netns add x' exited with 1: File exists", error.Message);
    }
}
