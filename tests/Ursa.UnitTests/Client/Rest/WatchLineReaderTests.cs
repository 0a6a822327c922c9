using System.Text;
using Ursa.Client.Rest;

namespace Ursa.UnitTests.Client.Rest;

public sealed class WatchLineReaderTests
{
    private static byte[] B(string s) => Encoding.UTF8.GetBytes(s);

    private static async Task<List<string>> ReadAllAsync(Stream stream, int bufferSize = WatchLineReader.InitialBufferSize)
    {
        using var reader = new WatchLineReader(stream, bufferSize);
        var lines = new List<string>();
        while (await reader.ReadLineAsync(CancellationToken.None))
        {
            lines.Add(Encoding.UTF8.GetString(reader.Current.Span));
        }

        return lines;
    }

    [Fact]
    public async Task SeveralEventsInOneRead_AreSplitOnNewlines()
    {
        var stream = new ChunkedStream(B("{\"a\":1}\n{\"b\":2}\n{\"c\":3}\n"));
        Assert.Equal(["{\"a\":1}", "{\"b\":2}", "{\"c\":3}"], await ReadAllAsync(stream));
        Assert.Equal(1, stream.Reads);
    }

    [Fact]
    public async Task AnEventSplitAcrossReads_IsOneLine()
    {
        var stream = new ChunkedStream(B("{\"ty"), B("pe\":\"ADDED\""), B(",\"object\":{}}"), B("\n{\"x\""), B(":1}\n"));
        Assert.Equal(["{\"type\":\"ADDED\",\"object\":{}}", "{\"x\":1}"], await ReadAllAsync(stream));
    }

    [Fact]
    public async Task OneByteReads_GiveTheSameLines()
    {
        var text = "{\"a\":\"é✓\"}\n\n{\"b\":2}\r\n{\"c\":3}";
        var stream = new ChunkedStream(B(text).Select(b => new[] { b }).ToArray());
        Assert.Equal(["{\"a\":\"é✓\"}", string.Empty, "{\"b\":2}", "{\"c\":3}"], await ReadAllAsync(stream, bufferSize: 16));
    }

    [Fact]
    public async Task CrLf_IsOneTerminator_EvenWhenSplitBetweenReads()
    {
        var stream = new ChunkedStream(B("{\"a\":1}\r"), B("\n{\"b\":2}\r\n"));
        Assert.Equal(["{\"a\":1}", "{\"b\":2}"], await ReadAllAsync(stream));
    }

    [Fact]
    public async Task APartialLastLine_IsReturnedAtTheEnd()
    {
        var stream = new ChunkedStream(B("{\"a\":1}\n{\"b\""), B(":2}"));
        Assert.Equal(["{\"a\":1}", "{\"b\":2}"], await ReadAllAsync(stream));
    }

    [Fact]
    public async Task AnEmptyStream_HasNoLines() =>
        Assert.Empty(await ReadAllAsync(new ChunkedStream()));

    [Fact]
    public async Task ALineLongerThanTheBuffer_GrowsIt_AndKeepsTheLinesAround()
    {
        // 1 MiB object between two short ones, in 4 KiB reads, starting from a 1 KiB buffer (10 doublings).
        var big = "{\"data\":\"" + new string('x', 1 << 20) + "\"}";
        var bytes = B("{\"a\":1}\n" + big + "\n{\"b\":2}\n");
        var chunks = bytes.Chunk(4096).ToArray();
        Assert.Equal(["{\"a\":1}", big, "{\"b\":2}"], await ReadAllAsync(new ChunkedStream(chunks), bufferSize: 1024));
    }

    [Fact]
    public async Task ManyLinesThroughASmallBuffer_AreAllReturnedInOrder()
    {
        var expected = Enumerable.Range(0, 2000).Select(i => $"{{\"i\":{i},\"pad\":\"{new string('p', i % 97)}\"}}").ToList();
        var bytes = B(string.Join("\n", expected) + "\n");
        var chunks = bytes.Chunk(733).ToArray();
        Assert.Equal(expected, await ReadAllAsync(new ChunkedStream(chunks), bufferSize: 256));
    }

    [Fact]
    public async Task AByteOrderMarkAtTheStart_IsSkipped_EvenWhenSplit()
    {
        var bom = new byte[] { 0xEF, 0xBB, 0xBF };
        var stream = new ChunkedStream(bom[..2], [bom[2], .. B("{\"a\":1}\n")], B("{\"b\":2}\n"));
        Assert.Equal(["{\"a\":1}", "{\"b\":2}"], await ReadAllAsync(stream));
    }

    [Fact]
    public async Task Cancellation_IsPassedToTheStream()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        using var reader = new WatchLineReader(new ChunkedStream(B("{}\n")));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => reader.ReadLineAsync(cancelled.Token).AsTask());
    }
}
