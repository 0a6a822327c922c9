using System.Text;
using Ursa.Runtimes.Qemu.Console;

namespace Ursa.UnitTests.Runtimes.Qemu;

public sealed class BootSignalTests
{
    [Theory]
    [InlineData("Debian GNU/Linux 12 debian ttyS0\r\n\r\ndebian login: ", true)]
    [InlineData("ursa-guest booted (uptime 3 s)\r\n/ # \u001b[6n", true)]
    [InlineData("user@host:~$ ", true)]
    [InlineData("[    0.000000] Linux version 6.1.0\r\n[    1.2] Run /init as init process\r\n", false)]
    [InlineData("Loading, please wait...", false)]
    [InlineData("progress 100% #", false)]
    public void Prompt_at_the_end_of_console_output_means_booted(string output, bool booted)
    {
        var signal = new BootSignal();
        Assert.Equal(booted, signal.Observe(Encoding.ASCII.GetBytes(output)));
        Assert.Equal(booted, signal.Booted);
    }

    [Fact]
    public void Prompt_split_across_chunks_is_seen_once_and_reset_waits_for_the_next()
    {
        var signal = new BootSignal();
        Assert.False(signal.Observe("booting\r\n/ "u8));
        Assert.True(signal.Observe("# "u8));
        Assert.False(signal.Observe("/ # "u8));
        signal.Reset();
        Assert.False(signal.Booted);
        Assert.False(signal.Observe("[ 0.1] reboot\r\n"u8));
        Assert.True(signal.Observe("login: "u8));
    }

    [Fact]
    public void Login_inside_a_finished_line_counts()
    {
        var signal = new BootSignal();
        Assert.True(signal.Observe("debian login: root\r\n"u8));
    }
}
