using System.Collections.Concurrent;
using Ursa.Runtimes.Qemu.Images;

namespace Ursa.IntegrationTests.Runtimes.Qemu;

/// <summary>Records progress reports in the order they are made (Progress&lt;T&gt; would post them to the pool).</summary>
internal sealed class SyncProgress : IProgress<ImagePullProgress>
{
    public ConcurrentQueue<ImagePullProgress> Reports { get; } = new();

    public void Report(ImagePullProgress value) => Reports.Enqueue(value);
}
