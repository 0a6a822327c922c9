using System.Globalization;

namespace Ursa.ApiServer.Tables;

/// <summary>Pod cell values computed the way kubectl's printers compute them, extended for VM pods.</summary>
public static class PodColumns
{
    public static string Ready(Pod p)
    {
        if (p.Spec?.VirtualMachine is not null)
        {
            return p.Status?.VirtualMachineStatus?.Ready == true ? "1/1" : "0/1";
        }

        var total = p.Spec?.Containers?.Count ?? 0;
        var ready = p.Status?.ContainerStatuses?.Count(c => c.Ready == true) ?? 0;
        return string.Create(CultureInfo.InvariantCulture, $"{ready}/{total}");
    }

    public static string Status(Pod p)
    {
        if (p.Metadata.DeletionTimestamp is not null)
        {
            return "Terminating";
        }

        var reason = p.Status?.Reason ?? p.Status?.Phase ?? "Pending";
        if (p.Spec?.VirtualMachine is not null)
        {
            return p.Status?.VirtualMachineStatus?.PowerState switch
            {
                "paused" => "Paused",
                // Pending + shutdown is a VM powered off on purpose (on its node or released from it): "Shutdown"
                // while powerSpec says so; once powerSpec is Running again it is just Pending until it runs.
                "shutdown" when p.Status?.Phase != "Pending" || p.Spec.VirtualMachine.PowerSpec == "Shutdown" => "Shutdown",
                "crashed" => "Crashed",
                _ => reason,
            };
        }

        // kubectl's printPod: the last container with something to say wins (containers walked in reverse); a
        // completed container next to a running one leaves the pod "Running".
        var hasRunning = false;
        foreach (var c in Enumerable.Reverse(p.Status?.ContainerStatuses ?? []))
        {
            if (c.State?.Waiting?.Reason is { Length: > 0 } waiting)
            {
                reason = waiting;
            }
            else if (c.State?.Terminated is { } t)
            {
                reason = t.Reason is { Length: > 0 } r ? r : t.Signal is { } s and not 0 ? $"Signal:{s}" : string.Create(CultureInfo.InvariantCulture, $"ExitCode:{t.ExitCode}");
            }
            else if (c.Ready == true && c.State?.Running is not null)
            {
                hasRunning = true;
            }
        }

        if (reason == "Completed" && hasRunning)
        {
            reason = "Running";
        }

        return reason;
    }

    public static string Restarts(Pod p, DateTimeOffset now)
    {
        if (p.Spec?.VirtualMachine is not null)
        {
            return (p.Status?.VirtualMachineStatus?.RestartCount ?? 0).ToString(CultureInfo.InvariantCulture);
        }

        var statuses = p.Status?.ContainerStatuses ?? [];
        var restarts = statuses.Sum(c => c.RestartCount ?? 0);
        var last = statuses.Select(c => c.LastState?.Terminated?.FinishedAt).Where(t => t is not null).Max();
        return last is { } when && restarts > 0
            ? string.Create(CultureInfo.InvariantCulture, $"{restarts} ({HumanDuration.Format(now - when)} ago)")
            : restarts.ToString(CultureInfo.InvariantCulture);
    }

    public static string WorkloadNames(PodSpec? spec) =>
        spec?.VirtualMachine is { } vm ? vm.Name ?? string.Empty : string.Join(",", (spec?.Containers ?? []).Select(c => c.Name));

    public static string WorkloadImages(PodSpec? spec) =>
        spec?.VirtualMachine is { } vm ? vm.Image ?? string.Empty : string.Join(",", (spec?.Containers ?? []).Select(c => c.Image));

    public static string Selector(LabelSelector? selector)
    {
        if (selector is null)
        {
            return "<none>";
        }

        var parts = (selector.MatchLabels ?? []).Select(kv => $"{kv.Key}={kv.Value}")
            .Concat((selector.MatchExpressions ?? []).Select(e => e.Operator switch
            {
                "In" => $"{e.Key} in ({string.Join(",", e.Values ?? [])})",
                "NotIn" => $"{e.Key} notin ({string.Join(",", e.Values ?? [])})",
                "Exists" => e.Key ?? string.Empty,
                _ => $"!{e.Key}",
            }));
        var text = string.Join(",", parts);
        return text.Length == 0 ? "<none>" : text;
    }
}
