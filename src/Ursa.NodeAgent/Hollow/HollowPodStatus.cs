using System.Globalization;
using System.Text.Json.Nodes;

namespace Ursa.NodeAgent.Hollow;

/// <summary>The status patches a hollow node writes: what a real agent would report for a running or finished pod. Pure.</summary>
public static class HollowPodStatus
{
    /// <summary>Everything in the pod runs and is ready.</summary>
    public static string Running(Pod pod, DateTimeOffset now, int restartCount = 0)
    {
        var at = Format(now);
        var status = new JsonObject
        {
            ["phase"] = "Running",
            ["startTime"] = Format(pod.Status?.StartTime ?? now),
            ["hostIP"] = "127.0.0.1",
            ["podIP"] = "127.0.0.1",
            ["conditions"] = Conditions("True", at),
        };
        if (pod.Spec?.VirtualMachine is { } vm)
        {
            status["virtualMachineStatus"] = new JsonObject { ["name"] = vm.Name, ["state"] = "active", ["powerState"] = "running", ["ready"] = true, ["restartCount"] = restartCount };
        }
        else
        {
            status["containerStatuses"] = Containers(pod, restartCount, ready: true, new JsonObject { ["running"] = new JsonObject { ["startedAt"] = at } });
        }

        return new JsonObject { ["status"] = status }.ToJsonString();
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
            ["conditions"] = Conditions("False", Format(now), reason: "Shutdown"),
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
        var at = Format(now);
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
                    ["startedAt"] = Format(startedAt),
                    ["finishedAt"] = at,
                },
            };
            status["containerStatuses"] = Containers(pod, restartCount, ready: false, terminated);
        }

        return new JsonObject { ["status"] = status }.ToJsonString();
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

    private static string Format(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
