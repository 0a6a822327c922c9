using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace Ursa.NodeAgent.Streaming.Internal;

/// <summary>
/// The node's streaming URLs, kubelet style with the tenant added:
/// <c>/containerLogs|exec|attach/{tenant}/{namespace}/{pod}/{container}</c>, each segment percent-encoded.
/// </summary>
internal static class NodeStreamRoute
{
    public const string Logs = "containerLogs";
    public const string Exec = "exec";
    public const string Attach = "attach";

    /// <summary>The kind of request and its container, or null for any other path.</summary>
    public static (string Kind, ContainerTarget Target)? Parse(string path)
    {
        var parts = path.Split('/');
        if (parts.Length != 6 || parts[0].Length != 0 || parts[1] is not (Logs or Exec or Attach) || parts.Skip(2).Any(p => p.Length == 0))
        {
            return null;
        }

        var s = parts.Select(Uri.UnescapeDataString).ToArray();
        return (parts[1], new ContainerTarget(s[2], s[3], s[4], s[5]));
    }

    public static LogRequest ParseLogs(ContainerTarget target, IQueryCollection query) => new(target)
    {
        Follow = Flag(query, "follow"),
        Previous = Flag(query, "previous"),
        Timestamps = Flag(query, "timestamps"),
        TailLines = Number(query, "tailLines"),
        SinceSeconds = Number(query, "sinceSeconds"),
        LimitBytes = Number(query, "limitBytes"),
    };

    public static StreamSelection ParseStreams(IQueryCollection query) =>
        new(Flag(query, "stdin"), Flag(query, "stdout"), Flag(query, "stderr"), Flag(query, "tty"));

    public static IReadOnlyList<string> ParseCommand(IQueryCollection query) =>
        query.TryGetValue("command", out var values) ? [.. values.Select(v => v ?? string.Empty)] : [];

    private static bool Flag(IQueryCollection query, string name) =>
        query.TryGetValue(name, out var v) && v.ToString() is "true" or "1" or "True";

    /// <summary>A non-negative integer parameter; malformed or negative input is a bad request.</summary>
    private static long? Number(IQueryCollection query, string name)
    {
        if (!query.TryGetValue(name, out var v) || string.IsNullOrEmpty(v.ToString()))
        {
            return null;
        }

        return long.TryParse(v.ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var n)
            ? n
            : throw PodStreamingException.BadRequest($"{name} must be a non-negative integer, got \"{v}\"");
    }
}
