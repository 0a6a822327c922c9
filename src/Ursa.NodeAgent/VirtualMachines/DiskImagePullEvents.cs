using System.Globalization;

namespace Ursa.NodeAgent.VirtualMachines;

/// <summary>
/// Which progress reports of one disk image pull become pod events, and what the events say (pure: the caller
/// passes the clock). The runtime reports every few MiB - hundreds of reports for a big image - while events are
/// stored objects that <c>kubectl describe</c> lists, so a report becomes an event only when
/// <list type="bullet">
/// <item>the pull reached a new 10 % step (at most 9 such events per pull), or</item>
/// <item><see cref="Heartbeat"/> passed since the last event and bytes arrived meanwhile (a slow or sizeless
/// download still shows it is alive: 12 events a minute at most),</item>
/// </list>
/// and never sooner than <see cref="MinimumGap"/> after the last one, so a fast pull of a small image says
/// "Pulling" and "Pulled" and little in between.
/// </summary>
/// <param name="image">The image as the pod names it.</param>
/// <param name="started">When the pull started (the "Pulling image" event).</param>
public sealed class DiskImagePullEvents(string image, DateTimeOffset started)
{
    /// <summary>Percent of the image between two step events.</summary>
    public const int StepPercent = 10;

    /// <summary>Longest silence while bytes arrive.</summary>
    public static readonly TimeSpan Heartbeat = TimeSpan.FromSeconds(5);

    /// <summary>Shortest time between two progress events.</summary>
    public static readonly TimeSpan MinimumGap = TimeSpan.FromSeconds(1);

    private DateTimeOffset _lastAt = started;
    private long _lastBytes;
    private int _lastStep;

    /// <summary>The message of a <c>Pulling</c> event for this report, or null when it is not worth one.</summary>
    /// <param name="bytesDone">Bytes received so far.</param>
    /// <param name="bytesTotal">Bytes expected; 0 or less when unknown.</param>
    /// <param name="now">The time of the report.</param>
    public string? OnProgress(long bytesDone, long bytesTotal, DateTimeOffset now)
    {
        // Done is said by the Pulled event; no new bytes is nothing new.
        if (bytesDone <= _lastBytes || (bytesTotal > 0 && bytesDone >= bytesTotal))
        {
            return null;
        }

        var since = now - _lastAt;
        var step = bytesTotal > 0 ? Percent(bytesDone, bytesTotal) / StepPercent : _lastStep;
        if (since < MinimumGap || (step <= _lastStep && since < Heartbeat))
        {
            return null;
        }

        _lastAt = now;
        _lastBytes = bytesDone;
        _lastStep = step;
        return Progress(image, bytesDone, bytesTotal);
    }

    /// <summary><c>Pulling image "X": 45% (120 MiB of 260 MiB)</c>, or <c>Pulling image "X": 120 MiB</c> when the size is unknown.</summary>
    public static string Progress(string image, long bytesDone, long bytesTotal) => bytesTotal > 0
        ? $"Pulling image \"{image}\": {Percent(bytesDone, bytesTotal)}% ({Size(bytesDone)} of {Size(bytesTotal)})"
        : $"Pulling image \"{image}\": {Size(bytesDone)}";

    /// <summary><c>Successfully pulled image "X" in 3.2s (260 MiB)</c>.</summary>
    public static string Pulled(string image, TimeSpan took, long sizeBytes) =>
        string.Create(CultureInfo.InvariantCulture, $"Successfully pulled image \"{image}\" in {took.TotalSeconds:0.0}s ({Size(sizeBytes)})");

    /// <summary>Bytes as people read them: <c>512 B</c>, <c>64 KiB</c>, <c>120 MiB</c>, <c>2.5 GiB</c> (one decimal below 10).</summary>
    public static string Size(long bytes)
    {
        if (bytes < 1024)
        {
            return string.Create(CultureInfo.InvariantCulture, $"{Math.Max(0, bytes)} B");
        }

        string[] units = ["KiB", "MiB", "GiB", "TiB"];
        var value = bytes / 1024.0;
        var unit = 0;
        while (value >= 1024 && unit < units.Length - 1)
        {
            value /= 1024;
            unit++;
        }

        // Truncated, not rounded: 1023.9 MiB must not read "1024 MiB".
        var shown = value < 10 ? Math.Floor(value * 10) / 10 : Math.Floor(value);
        return string.Create(CultureInfo.InvariantCulture, $"{shown:0.#} {units[unit]}");
    }

    // Floor: 99.9 % reads 99 %, so 100 % only ever means done.
    private static int Percent(long done, long total) => (int)Math.Min(100, done * 100 / total);
}
