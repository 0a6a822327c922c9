using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Ursa.Grpc;

namespace Ursa.UnitTests.Grpc;

public sealed class GrpcFrameTests
{
    [Fact]
    public void Encode_WritesFlagBigEndianLengthThenMessage()
    {
        var message = new StringValue { Value = "hello" };

        byte[] frame = GrpcFrame.Encode(message);

        byte[] payload = message.ToByteArray();
        Assert.Equal([0, 0, 0, 0, (byte)payload.Length, .. payload], frame);
    }

    [Fact]
    public void Encode_EmptyMessage_IsHeaderOnly()
    {
        Assert.Equal([0, 0, 0, 0, 0], GrpcFrame.Encode(new StringValue()));
    }

    [Fact]
    public async Task ReadAsync_TwoFramesThenEnd_ReturnsBothThenNull()
    {
        using var stream = new MemoryStream([.. GrpcFrame.Encode(new StringValue { Value = "a" }), .. GrpcFrame.Encode(new StringValue { Value = "bc" })]);

        byte[]? first = await GrpcFrame.ReadAsync(stream, 1024, CancellationToken.None);
        byte[]? second = await GrpcFrame.ReadAsync(stream, 1024, CancellationToken.None);
        byte[]? end = await GrpcFrame.ReadAsync(stream, 1024, CancellationToken.None);

        Assert.Equal(("a", "bc"), (StringValue.Parser.ParseFrom(first).Value, StringValue.Parser.ParseFrom(second).Value));
        Assert.Null(end);
    }

    [Fact]
    public async Task ReadAsync_LengthAbove256_ReadsBigEndian()
    {
        var message = new StringValue { Value = new string('x', 70_000) };
        using var stream = new MemoryStream(GrpcFrame.Encode(message));

        byte[]? payload = await GrpcFrame.ReadAsync(stream, 1 << 20, CancellationToken.None);

        Assert.Equal(message.Value, StringValue.Parser.ParseFrom(payload).Value);
    }

    [Fact]
    public async Task ReadAsync_SlowStreamDeliveringOneByteAtATime_StillReadsWholeFrame()
    {
        using var stream = new OneByteStream(GrpcFrame.Encode(new StringValue { Value = "split" }));

        byte[]? payload = await GrpcFrame.ReadAsync(stream, 1024, CancellationToken.None);

        Assert.Equal("split", StringValue.Parser.ParseFrom(payload).Value);
    }

    [Theory]
    [InlineData(new byte[] { 0, 0, 0 }, GrpcStatusCode.Internal)]
    [InlineData(new byte[] { 0, 0, 0, 0, 5, 1, 2 }, GrpcStatusCode.Internal)]
    [InlineData(new byte[] { 1, 0, 0, 0, 1, 7 }, GrpcStatusCode.Internal)]
    [InlineData(new byte[] { 0, 0, 0, 4, 1 }, GrpcStatusCode.ResourceExhausted)]
    public async Task ReadAsync_BadFrame_ThrowsStatus(byte[] bytes, GrpcStatusCode expected)
    {
        using var stream = new MemoryStream(bytes);

        var error = await Assert.ThrowsAsync<GrpcException>(async () => await GrpcFrame.ReadAsync(stream, 1024, CancellationToken.None));

        Assert.Equal(expected, error.StatusCode);
    }

    private sealed class OneByteStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            base.ReadAsync(buffer[..Math.Min(1, buffer.Length)], cancellationToken);
    }
}
