using System.Globalization;

namespace Ursa.ApiServer.Tables;

/// <summary>Kubernetes' short human durations (<c>45s</c>, <c>3m20s</c>, <c>5h</c>, <c>12d</c>, <c>2y30d</c>).</summary>
public static class HumanDuration
{
    public static string Since(DateTimeOffset? then, DateTimeOffset now) =>
        then is { } t ? Format(now - t) : "<unknown>";

    public static string Format(TimeSpan d)
    {
        var seconds = (long)d.TotalSeconds;
        if (seconds < -1)
        {
            return "<invalid>";
        }

        if (seconds < 0)
        {
            return "0s";
        }

        var inv = CultureInfo.InvariantCulture;
        if (seconds < 60 * 2) return string.Create(inv, $"{seconds}s");
        var minutes = seconds / 60;
        if (minutes < 10)
        {
            var s = seconds % 60;
            return s == 0 ? string.Create(inv, $"{minutes}m") : string.Create(inv, $"{minutes}m{s}s");
        }

        if (minutes < 60 * 3) return string.Create(inv, $"{minutes}m");
        var hours = minutes / 60;
        if (hours < 8)
        {
            var m = minutes % 60;
            return m == 0 ? string.Create(inv, $"{hours}h") : string.Create(inv, $"{hours}h{m}m");
        }

        if (hours < 48) return string.Create(inv, $"{hours}h");
        if (hours < 24 * 8)
        {
            var h = hours % 24;
            return h == 0 ? string.Create(inv, $"{hours / 24}d") : string.Create(inv, $"{hours / 24}d{h}h");
        }

        if (hours < 24 * 365 * 2) return string.Create(inv, $"{hours / 24}d");
        if (hours < 24 * 365 * 8)
        {
            var dy = (hours / 24) % 365;
            return dy == 0 ? string.Create(inv, $"{hours / 24 / 365}y") : string.Create(inv, $"{hours / 24 / 365}y{dy}d");
        }

        return string.Create(inv, $"{hours / 24 / 365}y");
    }
}
