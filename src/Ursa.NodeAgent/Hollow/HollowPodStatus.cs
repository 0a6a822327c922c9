using System.Buffers;
using System.Text.Json;

namespace Ursa.NodeAgent.Hollow;

/// <summary>
/// The status patches a hollow node writes, as UTF-8 JSON: what a real agent would report for a running, finished or
/// powered-off pod. Pure. Written straight with a <see cref="Utf8JsonWriter"/>, with no tree and no string in
/// between, as one of these goes out per bound pod.
/// </summary>
public static class HollowPodStatus
{
    /// <summary>Everything in the pod runs and is ready.</summary>
    public static byte[] Running(Pod pod, DateTimeOffset now, int restartCount = 0)
    {
        var at = Timestamp.Of(now);
        return Write(pod, static (w, pod, s) =>
        {
            w.WriteString("phase"u8, "Running"u8);
            w.WriteString("startTime"u8, pod.Status?.StartTime is { } started ? Timestamp.Of(started) : s.At);
            w.WriteString("hostIP"u8, "127.0.0.1"u8);
            w.WriteString("podIP"u8, "127.0.0.1"u8);
            WriteConditions(w, ready: true, s.At, reason: null);
            if (pod.Spec?.VirtualMachine is { } vm)
            {
                WriteVirtualMachineStatus(w, vm, running: true, s.RestartCount);
            }
            else
            {
                WriteContainerStatuses(w, pod, s);
            }
        }, new Report(at, restartCount, Exit: null));
    }

    /// <summary>
    /// A VM pod powered off on purpose (<c>powerSpec: Shutdown</c>), as the real agent reports it: phase Pending,
    /// not Ready, <c>virtualMachineStatus.powerState: shutdown</c> (its disk is kept).
    /// </summary>
    public static byte[] PoweredOff(Pod pod, DateTimeOffset now)
    {
        var restartCount = pod.Status?.VirtualMachineStatus?.RestartCount ?? 0;
        return Write(pod, static (w, pod, s) =>
        {
            w.WriteString("phase"u8, "Pending"u8);
            WriteConditions(w, ready: false, s.At, reason: "Shutdown"u8);
            WriteVirtualMachineStatus(w, pod.Spec!.VirtualMachine!, running: false, s.RestartCount);
        }, new Report(Timestamp.Of(now), restartCount, Exit: null));
    }

    /// <summary>True when a VM pod's reported power state does not follow its <c>powerSpec: Shutdown</c> yet.</summary>
    public static bool NeedsPowerOff(Pod pod) =>
        pod.Spec?.VirtualMachine?.PowerSpec == "Shutdown"
        && !(pod.Status?.Phase == "Pending" && pod.Status.VirtualMachineStatus?.PowerState == "shutdown");

    /// <summary>The pod ended: phase Succeeded (exit 0) or Failed, every container terminated with the code.</summary>
    public static byte[] Terminated(Pod pod, int exitCode, DateTimeOffset startedAt, DateTimeOffset now, int restartCount) =>
        Write(pod, static (w, pod, s) =>
        {
            w.WriteString("phase"u8, s.Exit!.Value.Code == 0 ? "Succeeded"u8 : "Failed"u8);
            WriteConditions(w, ready: false, s.At, reason: "PodCompleted"u8);
            if (pod.Spec?.VirtualMachine is { } vm)
            {
                WriteVirtualMachineStatus(w, vm, running: false, s.RestartCount);
            }
            else
            {
                WriteContainerStatuses(w, pod, s);
            }
        }, new Report(Timestamp.Of(now), restartCount, new Exit(exitCode, Timestamp.Of(startedAt))));

    /// <summary><c>{"status": {...}}</c> with the fields <paramref name="fields"/> writes.</summary>
    private static byte[] Write(Pod pod, Action<Utf8JsonWriter, Pod, Report> fields, Report report)
    {
        var buffer = new ArrayBufferWriter<byte>(512 + (256 * (pod.Spec?.Containers?.Count ?? 0)));
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteStartObject("status"u8);
            fields(w, pod, report);
            w.WriteEndObject();
            w.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Initialized is always True; ContainersReady and Ready follow <paramref name="ready"/>, with the reason when not.</summary>
    private static void WriteConditions(Utf8JsonWriter w, bool ready, string at, ReadOnlySpan<byte> reason)
    {
        w.WriteStartArray("conditions"u8);
        WriteCondition(w, "Initialized"u8, ready: true, at, reason: default);
        WriteCondition(w, "ContainersReady"u8, ready, at, reason);
        WriteCondition(w, "Ready"u8, ready, at, reason);
        w.WriteEndArray();
    }

    private static void WriteCondition(Utf8JsonWriter w, ReadOnlySpan<byte> type, bool ready, string at, ReadOnlySpan<byte> reason)
    {
        w.WriteStartObject();
        w.WriteString("type"u8, type);
        w.WriteString("status"u8, ready ? "True"u8 : "False"u8);
        w.WriteString("lastTransitionTime"u8, at);
        if (!reason.IsEmpty)
        {
            w.WriteString("reason"u8, reason);
        }

        w.WriteEndObject();
    }

    private static void WriteVirtualMachineStatus(Utf8JsonWriter w, VirtualMachine vm, bool running, int restartCount)
    {
        w.WriteStartObject("virtualMachineStatus"u8);
        w.WriteString("name"u8, vm.Name);
        w.WriteString("state"u8, running ? "active"u8 : "stopped"u8);
        w.WriteString("powerState"u8, running ? "running"u8 : "shutdown"u8);
        w.WriteBoolean("ready"u8, running);
        w.WriteNumber("restartCount"u8, restartCount);
        w.WriteEndObject();
    }

    /// <summary>Every container running since the report's time, or terminated with its exit when the report has one.</summary>
    private static void WriteContainerStatuses(Utf8JsonWriter w, Pod pod, Report report)
    {
        var ready = report.Exit is null;
        w.WriteStartArray("containerStatuses"u8);
        foreach (var c in pod.Spec?.Containers ?? [])
        {
            w.WriteStartObject();
            w.WriteString("name"u8, c.Name);
            w.WriteString("image"u8, c.Image);
            w.WriteString("imageID"u8, c.Image);
            w.WriteString("containerID"u8, $"hollow://{pod.Metadata.Uid}/{c.Name}");
            w.WriteBoolean("ready"u8, ready);
            w.WriteBoolean("started"u8, ready);
            w.WriteNumber("restartCount"u8, report.RestartCount);
            w.WriteStartObject("state"u8);
            if (report.Exit is { } exit)
            {
                w.WriteStartObject("terminated"u8);
                w.WriteNumber("exitCode"u8, exit.Code);
                w.WriteString("reason"u8, exit.Code == 0 ? "Completed"u8 : "Error"u8);
                w.WriteString("startedAt"u8, exit.StartedAt);
                w.WriteString("finishedAt"u8, report.At);
            }
            else
            {
                w.WriteStartObject("running"u8);
                w.WriteString("startedAt"u8, report.At);
            }

            w.WriteEndObject();
            w.WriteEndObject();
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    /// <summary>What one patch reports: its time, the restart count, and for a finished pod its exit.</summary>
    private readonly record struct Report(string At, int RestartCount, Exit? Exit);

    private readonly record struct Exit(int Code, string StartedAt);
}
