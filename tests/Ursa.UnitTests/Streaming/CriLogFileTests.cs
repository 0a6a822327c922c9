using System.Text;
using Ursa.NodeAgent.Streaming;
using Ursa.UnitTests.Testing;

namespace Ursa.UnitTests.Streaming;

public sealed class CriLogFileTests
{
    // The manual clock starts at 2026-11-21T00:00:00Z: entries are 50, 40, 30, 20 and 10 s before it.
    private const string Log = """
        2026-11-20T23:59:10.000000001Z stdout F one
        2026-11-20T23:59:20Z stderr F two
        2026-11-20T23:59:30Z stdout P thr
        2026-11-20T23:59:40Z stdout F ee
        garbage that is not a CRI entry
        2026-11-20T23:59:50Z stdout F four

        """;

    private static readonly ContainerTarget Target = new("system", "default", "p", "c");

    public static TheoryData<string, LogRequest, string> Cases => new()
    {
        { "everything", new LogRequest(Target), "one\ntwo\nthree\nfour\n" },
        { "tail 2 counts a P+F pair as one line", new LogRequest(Target) { TailLines = 2 }, "three\nfour\n" },
        { "tail 1", new LogRequest(Target) { TailLines = 1 }, "four\n" },
        { "tail 0", new LogRequest(Target) { TailLines = 0 }, string.Empty },
        { "tail beyond the file", new LogRequest(Target) { TailLines = 100 }, "one\ntwo\nthree\nfour\n" },
        { "since 25 s", new LogRequest(Target) { SinceSeconds = 25 }, "ee\nfour\n" },
        { "limit bytes cuts mid-line", new LogRequest(Target) { LimitBytes = 6 }, "one\ntw" },
        { "timestamps on every entry", new LogRequest(Target) { TailLines = 2, Timestamps = true }, "2026-11-20T23:59:30Z thr2026-11-20T23:59:40Z ee\n2026-11-20T23:59:50Z four\n" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task CopyAsync_AppliesTheRequest(string name, LogRequest request, string expected)
    {
        var output = new MemoryStream();

        await CriLogFile.CopyAsync(new MemoryStream(Encoding.UTF8.GetBytes(Log)), request, output, Task.CompletedTask, new ManualTimeProvider(), CancellationToken.None);

        Assert.True(expected == Encoding.UTF8.GetString(output.ToArray()), $"{name}: got \"{Encoding.UTF8.GetString(output.ToArray())}\"");
    }

    [Fact]
    public async Task CopyAsync_LongEntries_GrowTheBuffer()
    {
        var content = new string('x', 200_000);
        var output = new MemoryStream();

        await CriLogFile.CopyAsync(new MemoryStream(Encoding.UTF8.GetBytes($"2026-11-20T23:59:10Z stdout F {content}\n")), new LogRequest(Target), output, Task.CompletedTask, new ManualTimeProvider(), CancellationToken.None);

        Assert.Equal(content + "\n", Encoding.UTF8.GetString(output.ToArray()));
    }

    [Fact]
    public async Task CopyAsync_Follow_SendsWhatIsAppended_AndEndsOnlyWhenTheContainerStops()
    {
        var log = new AppendableStream();
        log.Append("2026-11-20T23:59:10Z stdout F one\n");
        var output = new MemoryStream();
        var stopped = new TaskCompletionSource();
        var time = new WaitingClock();

        var copy = CriLogFile.CopyAsync(log, new LogRequest(Target) { Follow = true }, output, stopped.Task, time, CancellationToken.None);
        await time.WaitForSleeperAsync();
        Assert.Equal("one\n", Encoding.UTF8.GetString(output.ToArray()));

        log.Append("2026-11-20T23:59:20Z stdout F two\n2026-11-20T23:59:30Z stdout F thr");
        time.Inner.Advance(CriLogFile.FollowPollInterval);
        await time.WaitForSleeperAsync();
        Assert.Equal("one\ntwo\n", Encoding.UTF8.GetString(output.ToArray()));
        Assert.False(copy.IsCompleted, "a followed log ended before the container stopped");

        // The runtime finishes the half-written entry just as the container stops.
        log.Append("ee\n");
        stopped.SetResult();
        await copy.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal("one\ntwo\nthree\n", Encoding.UTF8.GetString(output.ToArray()));
    }

    /// <summary>A manual clock that tells the test when the reader has gone to sleep (created its poll timer).</summary>
    private sealed class WaitingClock : TimeProvider
    {
        private readonly SemaphoreSlim _sleepers = new(0);

        public ManualTimeProvider Inner { get; } = new();

        public override DateTimeOffset GetUtcNow() => Inner.GetUtcNow();

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            var timer = Inner.CreateTimer(callback, state, dueTime, period);
            _sleepers.Release();
            return timer;
        }

        public async Task WaitForSleeperAsync() =>
            Assert.True(await _sleepers.WaitAsync(TimeSpan.FromSeconds(10)), "the follower did not wait for more output within 10 s");
    }

    /// <summary>A log the test appends to while the reader reads it (its own read position, like a shared file).</summary>
    private sealed class AppendableStream : Stream
    {
        private readonly List<byte> _bytes = [];
        private long _position;

        public override bool CanRead => true;

        public override bool CanSeek => true;

        public override bool CanWrite => false;

        public override long Length
        {
            get
            {
                lock (_bytes)
                {
                    return _bytes.Count;
                }
            }
        }

        public override long Position { get => _position; set => _position = value; }

        public void Append(string text)
        {
            lock (_bytes)
            {
                _bytes.AddRange(Encoding.UTF8.GetBytes(text));
            }
        }

        public override int Read(byte[] buffer, int offset, int count)
        {
            lock (_bytes)
            {
                var n = (int)Math.Max(0, Math.Min(count, _bytes.Count - _position));
                _bytes.CopyTo((int)_position, buffer, offset, n);
                _position += n;
                return n;
            }
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => _position = origin == SeekOrigin.Begin ? offset : throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
