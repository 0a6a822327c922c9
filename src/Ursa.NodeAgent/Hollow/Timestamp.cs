using System.Globalization;

namespace Ursa.NodeAgent.Hollow;

/// <summary>
/// Kubernetes <c>Time</c> text (RFC 3339, UTC, whole seconds) for the hollow nodes' reports. Every pod reported in
/// the same second carries the same text, so the last second's is kept: thousands of reports a second format once.
/// </summary>
internal static class Timestamp
{
    private static Formatted? _last;

    public static string Of(DateTimeOffset time)
    {
        var second = time.UtcTicks / TimeSpan.TicksPerSecond;
        var last = Volatile.Read(ref _last);
        if (last is not null && last.Second == second)
        {
            return last.Text;
        }

        var text = time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        Volatile.Write(ref _last, new Formatted(second, text));
        return text;
    }

    private sealed record Formatted(long Second, string Text);
}
