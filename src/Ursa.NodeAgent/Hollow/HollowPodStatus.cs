using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Ursa.NodeAgent.Hollow;

/// <summary>The status patches a hollow node writes: what a real agent would report for a running or finished pod. Pure.</summary>
public static class HollowPodStatus
{
    /// <summary>Everything in the pod runs and is ready.</summary>
    public static string Running(Pod pod, DateTimeOffset now, int restartCount = 0) =>
        Encoding.UTF8.GetString(RunningUtf8(pod, now, restartCount));

    /// <summary>
    /// <see cref="Running"/> as UTF-8, written straight with a <see cref="Utf8JsonWriter"/> (the same bytes the
    /// <c>JsonObject</c> tree wrote, without the tree, the string and its re-encoding: one of these per bound pod).
    /// </summary>
    public static byte[] RunningUtf8(Pod pod, DateTimeOffset now, int restartCount = 0)
    {
        var at = Timestamp.Of(now);
        var buffer = new ArrayBufferWriter<byte>(512 + (256 * (pod.Spec?.Containers?.Count ?? 0)));
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteStartObject("status"u8);
            w.WriteString("phase"u8, "Running"u8);
            w.WriteString("startTime"u8, pod.Status?.StartTime is { } started ? Timestamp.Of(started) : at);
            w.WriteString("hostIP"u8, "127.0.0.1"u8);
            w.WriteString("podIP"u8, "127.0.0.1"u8);
            w.WriteStartArray("conditions"u8);
            WriteCondition(w, "Initialized"u8, at);
            WriteCondition(w, "ContainersReady"u8, at);
            WriteCondition(w, "Ready"u8, at);
            w.WriteEndArray();
            if (pod.Spec?.VirtualMachine is { } vm)
            {
                w.WriteStartObject("virtualMachineStatus"u8);
                w.WriteString("name"u8, vm.Name);
                w.WriteString("state"u8, "active"u8);
                w.WriteString("powerState"u8, "running"u8);
                w.WriteBoolean("ready"u8, true);
                w.WriteNumber("restartCount"u8, restartCount);
                w.WriteEndObject();
            }
            else
            {
                w.WriteStartArray("containerStatuses"u8);
                foreach (var c in pod.Spec?.Containers ?? [])
                {
                    w.WriteStartObject();
                    w.WriteString("name"u8, c.Name);
                    w.WriteString("image"u8, c.Image);
                    w.WriteString("imageID"u8, c.Image);
                    w.WriteString("containerID"u8, $"hollow://{pod.Metadata.Uid}/{c.Name}");
                    w.WriteBoolean("ready"u8, true);
                    w.WriteBoolean("started"u8, true);
                    w.WriteNumber("restartCount"u8, restartCount);
                    w.WriteStartObject("state"u8);
                    w.WriteStartObject("running"u8);
                    w.WriteString("startedAt"u8, at);
                    w.WriteEndObject();
                    w.WriteEndObject();
                    w.WriteEndObject();
                }

                w.WriteEndArray();
            }

            w.WriteEndObject();
            w.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>
    /// A VM pod powered off on purpose (<c>powerSpec: Shutdown</c>), as the real agent reports it: phase Pending,
    /// not Ready, <c>virtualMachineStatus.powerState: shutdown</c> (its disk is kept).
    /// </summary>
    public static string PoweredOff(Pod pod, DateTimeOffset now)
    {
        var vm = pod.Spec!.VirtualMachine!;
        var status = new JsonObject
        {
            ["phase"] = "Pending",
            ["conditions"] = Conditions("False", Timestamp.Of(now), reason: "Shutdown"),
            ["virtualMachineStatus"] = new JsonObject
            {
                ["name"] = vm.Name,
                ["state"] = "stopped",
                ["powerState"] = "shutdown",
                ["ready"] = false,
                ["restartCount"] = pod.Status?.VirtualMachineStatus?.RestartCount ?? 0,
            },
        };
        return new JsonObject { ["status"] = status }.ToJsonString();
    }

    /// <summary>True when a VM pod's reported power state does not follow its <c>powerSpec: Shutdown</c> yet.</summary>
    public static bool NeedsPowerOff(Pod pod) =>
        pod.Spec?.VirtualMachine?.PowerSpec == "Shutdown"
        && !(pod.Status?.Phase == "Pending" && pod.Status.VirtualMachineStatus?.PowerState == "shutdown");

    /// <summary>The pod ended: phase Succeeded (exit 0) or Failed, every container terminated with the code.</summary>
    public static string Terminated(Pod pod, int exitCode, DateTimeOffset startedAt, DateTimeOffset now, int restartCount)
    {
        var at = Timestamp.Of(now);
        var reason = exitCode == 0 ? "Completed" : "Error";
        var status = new JsonObject
        {
            ["phase"] = exitCode == 0 ? "Succeeded" : "Failed",
            ["conditions"] = Conditions("False", at, reason: "PodCompleted"),
        };
        if (pod.Spec?.VirtualMachine is { } vm)
        {
            status["virtualMachineStatus"] = new JsonObject { ["name"] = vm.Name, ["state"] = "stopped", ["powerState"] = "shutdown", ["ready"] = false, ["restartCount"] = restartCount };
        }
        else
        {
            var terminated = new JsonObject
            {
                ["terminated"] = new JsonObject
                {
                    ["exitCode"] = exitCode,
                    ["reason"] = reason,
                    ["startedAt"] = Timestamp.Of(startedAt),
                    ["finishedAt"] = at,
                },
            };
            status["containerStatuses"] = Containers(pod, restartCount, ready: false, terminated);
        }

        return new JsonObject { ["status"] = status }.ToJsonString();
    }

    private static void WriteCondition(Utf8JsonWriter w, ReadOnlySpan<byte> type, string at)
    {
        w.WriteStartObject();
        w.WriteString("type"u8, type);
        w.WriteString("status"u8, "True"u8);
        w.WriteString("lastTransitionTime"u8, at);
        w.WriteEndObject();
    }

    private static JsonArray Conditions(string ready, string at, string? reason = null)
    {
        var conditions = new JsonArray { new JsonObject { ["type"] = "Initialized", ["status"] = "True", ["lastTransitionTime"] = at } };
        foreach (var type in new[] { "ContainersReady", "Ready" })
        {
            var condition = new JsonObject { ["type"] = type, ["status"] = ready, ["lastTransitionTime"] = at };
            if (reason is not null)
            {
                condition["reason"] = reason;
            }

            conditions.Add(condition);
        }

        return conditions;
    }

    private static JsonArray Containers(Pod pod, int restartCount, bool ready, JsonObject state) =>
        new((pod.Spec?.Containers ?? []).Select(c => (JsonNode)new JsonObject
        {
            ["name"] = c.Name,
            ["image"] = c.Image,
            ["imageID"] = c.Image,
            ["containerID"] = $"hollow://{pod.Metadata.Uid}/{c.Name}",
            ["ready"] = ready,
            ["started"] = ready,
            ["restartCount"] = restartCount,
            ["state"] = state.DeepClone(),
        }).ToArray());
}
