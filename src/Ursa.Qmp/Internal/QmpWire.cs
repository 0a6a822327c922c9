using System.Buffers;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Ursa.Qmp.Internal;

/// <summary>QMP's wire format: one JSON object per line in each direction (QEMU ends its lines with CRLF).</summary>
internal static class QmpWire
{
    /// <summary><c>{"execute":..., "arguments":..., "id":...}</c> and a newline. The caller's arguments are written, not re-parented.</summary>
    public static byte[] Command(string command, JsonObject? arguments, long id)
    {
        var buffer = new ArrayBufferWriter<byte>(128);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("execute", command);
            if (arguments is not null)
            {
                writer.WritePropertyName("arguments");
                arguments.WriteTo(writer);
            }

            writer.WriteNumber("id", id);
            writer.WriteEndObject();
        }

        buffer.Write("\n"u8);
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>The version from <c>{"QMP": {"version": {"qemu": {"major":..,"minor":..,"micro":..}, "package": ".."}, ...}}</c>.</summary>
    public static QmpVersion Greeting(string line)
    {
        var version = ParseObject(line)?["QMP"]?["version"] as JsonObject
            ?? throw new QmpConnectionException($"the peer is not a QMP server: its first line was {Truncate(line)}");
        var qemu = version["qemu"];
        return new QmpVersion(
            qemu?["major"]?.GetValue<int>() ?? 0,
            qemu?["minor"]?.GetValue<int>() ?? 0,
            qemu?["micro"]?.GetValue<int>() ?? 0,
            version["package"]?.GetValue<string>().Trim() ?? "");
    }

    /// <summary>The event's name when <paramref name="line"/> is an event message (<c>{"event": "..", ...}</c>), else null.</summary>
    public static string? EventName(string line)
    {
        return ParseObject(line)?["event"] is JsonValue name && name.TryGetValue<string>(out var text) ? text : null;
    }

    private static JsonObject? ParseObject(string line)
    {
        try
        {
            return JsonNode.Parse(line) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>An event message as a <see cref="QmpEvent"/>; its <c>data</c> is detached from the message.</summary>
    public static QmpEvent Event(JsonObject message, string name)
    {
        var data = message["data"] as JsonObject;
        if (data is not null)
        {
            message.Remove("data");
        }

        var timestamp = message["timestamp"];
        var seconds = timestamp?["seconds"]?.GetValue<long>() ?? 0;
        var microseconds = timestamp?["microseconds"]?.GetValue<long>() ?? 0;
        return new QmpEvent(name, data ?? [], DateTimeOffset.FromUnixTimeSeconds(seconds).AddTicks(microseconds * TimeSpan.TicksPerMicrosecond));
    }

    public static string Truncate(string line) => line.Length <= 200 ? line : string.Concat(line.AsSpan(0, 200), "...");
}
