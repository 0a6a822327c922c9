using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Ursa.NodeAgent.Streaming;

/// <summary>
/// The metav1.Status sent on the error channel at the end of an exec or attach: Success, a non-zero exit code
/// (reason NonZeroExitCode, cause ExitCode whose message is the code, which kubectl turns into its own exit
/// code), or any other failure, whose message kubectl prints.
/// </summary>
public static class ChannelStatus
{
    /// <summary>Status reason for a command that exited non-zero.</summary>
    public const string NonZeroExitCode = "NonZeroExitCode";

    /// <summary>Status cause reason carrying the exit code.</summary>
    public const string ExitCodeCause = "ExitCode";

    public static byte[] Success() => Serialize(new JsonObject { ["status"] = "Success" });

    /// <summary>Success for 0, else the NonZeroExitCode failure kubectl maps to its own exit code.</summary>
    public static byte[] ForExitCode(int exitCode)
    {
        if (exitCode == 0)
        {
            return Success();
        }

        var code = exitCode.ToString(CultureInfo.InvariantCulture);
        return Serialize(new JsonObject
        {
            ["status"] = "Failure",
            ["message"] = $"command terminated with non-zero exit code: exit status {code}",
            ["reason"] = NonZeroExitCode,
            ["details"] = new JsonObject
            {
                ["causes"] = new JsonArray(new JsonObject { ["reason"] = ExitCodeCause, ["message"] = code }),
            },
        });
    }

    /// <summary>A failure kubectl prints as <c>error: message</c>.</summary>
    public static byte[] Failure(string message, string reason, int code) => Serialize(new JsonObject
    {
        ["status"] = "Failure",
        ["message"] = message,
        ["reason"] = reason,
        ["code"] = code,
    });

    /// <summary>
    /// Reads a Status from the error channel: the exit code (0 for Success), or null with the failure's message
    /// for a failure that is not an exit code.
    /// </summary>
    public static (int? ExitCode, string? Message) Parse(ReadOnlySpan<byte> json)
    {
        if (json.IsEmpty)
        {
            return (0, null);
        }

        JsonNode? status;
        try
        {
            status = JsonNode.Parse(json);
        }
        catch (JsonException e)
        {
            return (null, $"malformed status on the error channel: {e.Message}");
        }

        if (status?["status"]?.GetValue<string>() == "Success")
        {
            return (0, null);
        }

        var message = status?["message"]?.GetValue<string>() ?? "unknown error";
        if (status?["reason"]?.GetValue<string>() == NonZeroExitCode && status["details"]?["causes"] is JsonArray causes)
        {
            foreach (var cause in causes)
            {
                if (cause?["reason"]?.GetValue<string>() == ExitCodeCause
                    && int.TryParse(cause["message"]?.GetValue<string>(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var code))
                {
                    return (code, null);
                }
            }
        }

        return (null, message);
    }

    private static byte[] Serialize(JsonObject status)
    {
        var full = new JsonObject { ["kind"] = "Status", ["apiVersion"] = "v1", ["metadata"] = new JsonObject() };
        foreach (var (key, value) in status.ToList())
        {
            status.Remove(key);
            full[key] = value;
        }

        return Encoding.UTF8.GetBytes(full.ToJsonString());
    }
}
