using CriApi = Ursa.Cri.V1;

namespace Ursa.NodeAgent.Pods;

/// <summary>
/// Pure: what the runtime holds (and why the agent holds a container back) → the pod's status, with the phase
/// rules of the kubelet: Pending until every container has run, Running while one runs or will be restarted,
/// then Succeeded or Failed by restartPolicy and exit codes. Conditions the agent does not own (PodScheduled) and
/// unchanged transition times carry over from the current status.
/// </summary>
public static class PodStatusConverter
{
    /// <summary>Inputs besides the pod.</summary>
    /// <param name="Observed">The runtime's view.</param>
    /// <param name="Waiting">Per container name, why it is held back (absent = nothing).</param>
    /// <param name="HostIp">The node's address.</param>
    /// <param name="RuntimeName">Prefix of container IDs (<c>containerd</c>).</param>
    /// <param name="Now">For new transition and start times.</param>
    public sealed record Input(ObservedPod Observed, IReadOnlyDictionary<string, ContainerWaiting> Waiting, string HostIp, string RuntimeName, DateTimeOffset Now);

    public static PodStatus Convert(Pod pod, Input input)
    {
        ArgumentNullException.ThrowIfNull(pod);
        ArgumentNullException.ThrowIfNull(input);
        var current = pod.Status;
        var statuses = (pod.Spec?.Containers ?? []).Select(c => ContainerStatusOf(c, input)).ToList();
        var phase = Phase(pod, statuses);
        var allReady = statuses.Count > 0 && statuses.All(s => s.Ready == true);
        var conditions = new List<PodCondition>();
        conditions.AddRange((current?.Conditions ?? []).Where(c => c.Type is not ("Initialized" or "ContainersReady" or "Ready" or "PodReadyToStartContainers")));
        conditions.Add(Condition(current, "PodReadyToStartContainers", input.Observed.SandboxReady, null, input.Now));
        conditions.Add(Condition(current, "Initialized", true, null, input.Now));
        var notReady = phase is "Succeeded" or "Failed" ? "PodCompleted" : "ContainersNotReady";
        var notReadyMessage = allReady ? null : $"containers with unready status: [{string.Join(' ', statuses.Where(s => s.Ready != true).Select(s => s.Name))}]";
        conditions.Add(Condition(current, "ContainersReady", allReady, allReady ? null : (notReady, notReadyMessage), input.Now));
        conditions.Add(Condition(current, "Ready", allReady, allReady ? null : (notReady, notReadyMessage), input.Now));
        var status = new PodStatus
        {
            Phase = phase,
            Conditions = conditions,
            HostIP = input.HostIp,
            HostIPs = [new HostIp { Ip = input.HostIp }],
            StartTime = current?.StartTime ?? input.Now,
            ContainerStatuses = statuses,
            QosClass = ContainerResourcesFactory.QosClass(pod),
            NominatedNodeName = current?.NominatedNodeName,
            VirtualMachineStatus = current?.VirtualMachineStatus,
        };
        if (input.Observed.PodIp is { Length: > 0 } ip)
        {
            status.PodIP = ip;
            status.PodIPs = [new PodIp { Ip = ip }];
        }
        else if (current?.PodIP is { Length: > 0 } kept && phase is "Succeeded" or "Failed")
        {
            status.PodIP = kept;
            status.PodIPs = current.PodIPs;
        }

        return status;
    }

    /// <summary>Kubernetes' phase rules (kubelet getPhase), from the container statuses already computed.</summary>
    public static string Phase(Pod pod, IReadOnlyList<ContainerStatus> statuses)
    {
        int pending = 0, running = 0, waitingAfterRun = 0, succeeded = 0, failed = 0;
        foreach (var s in statuses)
        {
            if (s.State?.Running is not null) running++;
            else if (s.State?.Terminated is { } t)
            {
                if (t.ExitCode == 0) succeeded++;
                else failed++;
            }
            else if (s.LastState?.Terminated is not null) waitingAfterRun++;
            else pending++;
        }

        var restartPolicy = pod.Spec?.RestartPolicy ?? "Always";
        if (pending > 0 || statuses.Count == 0) return "Pending";
        if (running > 0) return "Running";
        if (waitingAfterRun > 0) return "Running"; // held back before a restart
        return restartPolicy switch
        {
            "Always" => "Running",
            "OnFailure" => failed > 0 ? "Running" : "Succeeded",
            _ => failed > 0 ? "Failed" : "Succeeded",
        };
    }

    private static ContainerStatus ContainerStatusOf(Container container, Input input)
    {
        var name = container.Name ?? string.Empty;
        var attempts = input.Observed.Attempts(name).ToList();
        var latest = attempts.FirstOrDefault();
        var waiting = input.Waiting.GetValueOrDefault(name);
        var status = new ContainerStatus
        {
            Name = name,
            Image = container.Image,
            RestartCount = (int)(latest?.Attempt ?? 0),
            Ready = false,
            Started = false,
        };
        if (latest is null)
        {
            status.State = new ContainerState { Waiting = new ContainerStateWaiting { Reason = waiting?.Reason ?? "ContainerCreating", Message = waiting?.Message } };
            return status;
        }

        status.ContainerID = $"{input.RuntimeName}://{latest.Id}";
        status.ImageID = latest.Status.ImageRef is { Length: > 0 } imageRef ? imageRef : latest.Status.Image?.Image;
        switch (latest.State)
        {
            case CriApi.ContainerState.ContainerRunning:
                status.State = new ContainerState { Running = new ContainerStateRunning { StartedAt = Time(latest.Status.StartedAt) } };
                status.Ready = true;
                status.Started = true;
                if (attempts.Skip(1).FirstOrDefault() is { } previous)
                {
                    status.LastState = new ContainerState { Terminated = Terminated(previous, input.RuntimeName) };
                }

                break;
            case CriApi.ContainerState.ContainerExited when waiting is not null:
                // Held back before a restart (back-off) or a re-pull: waiting now, the exit is the last state.
                status.State = new ContainerState { Waiting = new ContainerStateWaiting { Reason = waiting.Reason, Message = waiting.Message } };
                status.LastState = new ContainerState { Terminated = Terminated(latest, input.RuntimeName) };
                break;
            case CriApi.ContainerState.ContainerExited:
                status.State = new ContainerState { Terminated = Terminated(latest, input.RuntimeName) };
                if (attempts.Skip(1).FirstOrDefault() is { } before)
                {
                    status.LastState = new ContainerState { Terminated = Terminated(before, input.RuntimeName) };
                }

                break;
            default:
                status.State = new ContainerState { Waiting = new ContainerStateWaiting { Reason = waiting?.Reason ?? "ContainerCreating", Message = waiting?.Message } };
                break;
        }

        return status;
    }

    private static ContainerStateTerminated Terminated(ObservedContainer container, string runtimeName)
    {
        var s = container.Status;
        return new ContainerStateTerminated
        {
            ExitCode = s.ExitCode,
            Reason = s.Reason is { Length: > 0 } reason ? reason : s.ExitCode == 0 ? "Completed" : "Error",
            Message = s.Message is { Length: > 0 } message ? message : null,
            StartedAt = Time(s.StartedAt),
            FinishedAt = Time(s.FinishedAt),
            ContainerID = $"{runtimeName}://{s.Id}",
        };
    }

    private static DateTimeOffset? Time(long unixNanos) =>
        unixNanos <= 0 ? null : DateTimeOffset.FromUnixTimeMilliseconds(unixNanos / 1_000_000);

    /// <summary>A pod condition; its transition time carries over from <paramref name="current"/> while the value holds.</summary>
    internal static PodCondition Condition(PodStatus? current, string type, bool value, (string Reason, string? Message)? why, DateTimeOffset now)
    {
        var status = value ? "True" : "False";
        var before = current?.Conditions?.FirstOrDefault(c => c.Type == type);
        return new PodCondition
        {
            Type = type,
            Status = status,
            Reason = why?.Reason,
            Message = why?.Message,
            LastTransitionTime = before?.Status == status && before.LastTransitionTime is { } since ? since : now,
        };
    }
}
