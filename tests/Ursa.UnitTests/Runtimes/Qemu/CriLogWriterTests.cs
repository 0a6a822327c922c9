using Ursa.Runtimes.Qemu.Console;
using Ursa.UnitTests.Testing;

namespace Ursa.UnitTests.Runtimes.Qemu;

public sealed class CriLogWriterTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("ursa-crilog-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Console_output_becomes_cri_records_full_lines_and_partial_prompts()
    {
        var time = new ManualTimeProvider();
        var path = Path.Combine(_dir, "vm", "0.log");
        using (var writer = new CriLogWriter(path, time))
        {
            writer.Write("hello\r\nwor"u8);
            writer.Write("ld\r\n/ # "u8);
            writer.Flush();
            writer.Write("ls\r\n"u8);
        }

        var lines = File.ReadAllLines(path);
        Assert.Equal(
            ["2026-11-21T00:00:00.0000000Z stdout F hello", "2026-11-21T00:00:00.0000000Z stdout F world", "2026-11-21T00:00:00.0000000Z stdout P / # ", "2026-11-21T00:00:00.0000000Z stdout F ls"],
            lines);
    }
}
