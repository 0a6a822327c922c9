using System.Net;
using Ursa.Cri.V1;
using Ursa.Grpc;
using Ursa.NodeAgent.Pods;
using Ursa.NodeAgent.Runtimes;
using Ursa.NodeAgent.Streaming;
using AttachRequest = Ursa.NodeAgent.Streaming.AttachRequest;
using ContainerState = Ursa.Cri.V1.ContainerState;
using ContainerStatus = Ursa.Cri.V1.ContainerStatus;
using CriAttachRequest = Ursa.Cri.V1.AttachRequest;
using CriExecRequest = Ursa.Cri.V1.ExecRequest;
using ExecRequest = Ursa.NodeAgent.Streaming.ExecRequest;

namespace Ursa.NodeAgent.Agent;

/// <summary>
/// The agent's side of <c>kubectl logs/exec/attach</c>: finds the container through the pod sync loop's cache and the
/// pod's runtime, reads its CRI log file, and bridges exec/attach to the runtime's streaming server (the URL CRI Exec
/// returns), dialled through <paramref name="dial"/> - inside containerd's network namespace when Ursa manages it.
/// </summary>
public sealed class CriStreamingBackend(PodSyncLoop pods, RuntimeRegistry registry, Func<IPEndPoint, CancellationToken, ValueTask<Stream>> dial, TimeProvider time) : IPodStreamingBackend
{
    /// <summary>How often a followed log checks whether its container has stopped.</summary>
    public static readonly TimeSpan StopPollInterval = TimeSpan.FromMilliseconds(500);

    public async Task ReadLogsAsync(LogRequest request, Stream output, CancellationToken cancellationToken)
    {
        var (runtime, _) = Resolve(request.Target);
        var attempts = await AttemptsAsync(runtime, request.Target, cancellationToken).ConfigureAwait(false);
        var chosen = request.Previous ? attempts.Skip(1).FirstOrDefault() : attempts.FirstOrDefault();
        if (chosen is null)
        {
            throw PodStreamingException.NotFound(request.Previous
                ? $"previous terminated container \"{request.Target.Container}\" in pod \"{request.Target.Pod}\" not found"
                : $"container \"{request.Target.Container}\" in pod \"{request.Target.Pod}\" has not started yet");
        }

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var stopped = request.Follow && chosen.State == ContainerState.ContainerRunning
            ? WaitUntilStoppedAsync(runtime, chosen.Id, stop.Token)
            : Task.CompletedTask;
        try
        {
            await CriLogFile.CopyAsync(chosen.LogPath, request, output, stopped, time, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            await stop.CancelAsync().ConfigureAwait(false);
        }
    }

    public async Task<int> ExecAsync(ExecRequest request, IExecSession session, CancellationToken cancellationToken)
    {
        var (runtime, _) = Resolve(request.Target);
        var container = await RunningAsync(runtime, request.Target, cancellationToken).ConfigureAwait(false);
        var exec = new CriExecRequest { ContainerId = container.Id, Tty = request.Streams.Tty, Stdin = request.Streams.Stdin, Stdout = request.Streams.Stdout, Stderr = request.Streams.Stderr && !request.Streams.Tty };
        exec.Cmd.Add(request.Command);
        var url = (await runtime.Runtime.ExecAsync(exec, cancellationToken).ConfigureAwait(false)).Url;
        return await Client(url).RunAsync(new Uri(url), session, cancellationToken).ConfigureAwait(false);
    }

    public async Task AttachAsync(AttachRequest request, IExecSession session, CancellationToken cancellationToken)
    {
        var (runtime, _) = Resolve(request.Target);
        var container = await RunningAsync(runtime, request.Target, cancellationToken).ConfigureAwait(false);
        if (runtime.VirtualMachines is { } vms)
        {
            await VmConsoleBridge.RunAsync(vms, container.Id, session, cancellationToken).ConfigureAwait(false);
            return;
        }

        var attach = new CriAttachRequest { ContainerId = container.Id, Tty = request.Streams.Tty, Stdin = request.Streams.Stdin, Stdout = request.Streams.Stdout, Stderr = request.Streams.Stderr && !request.Streams.Tty };
        var url = (await runtime.Runtime.AttachAsync(attach, cancellationToken).ConfigureAwait(false)).Url;
        await Client(url).RunAsync(new Uri(url), session, cancellationToken).ConfigureAwait(false);
    }

    private ChannelWebSocketClient Client(string url)
    {
        var uri = new Uri(url);
        var endpoint = new IPEndPoint(IPAddress.Parse(uri.Host), uri.Port);
        return new ChannelWebSocketClient(ct => dial(endpoint, ct));
    }

    private (RegisteredRuntime Runtime, Pod Pod) Resolve(ContainerTarget target)
    {
        var pod = pods.Find(target.Tenant, target.Namespace, target.Pod)
            ?? (target.Tenant == "system" ? pods.Find(null, target.Namespace, target.Pod) : null)
            ?? throw PodStreamingException.NotFound($"pod {target.Namespace}/{target.Pod} does not run on this node");
        var resolution = registry.Resolve(pod);
        return resolution.Runtime is { } runtime
            ? (runtime, pod)
            : throw PodStreamingException.NotFound($"pod {target.Namespace}/{target.Pod}: {resolution.Message}");
    }

    /// <summary>The container's attempts, newest first, with their statuses (log paths).</summary>
    private static async Task<List<ContainerStatus>> AttemptsAsync(RegisteredRuntime runtime, ContainerTarget target, CancellationToken cancellationToken)
    {
        var pod = target;
        var request = new ListContainersRequest { Filter = new ContainerFilter() };
        request.Filter.LabelSelector[CriLabels.PodName] = pod.Pod;
        request.Filter.LabelSelector[CriLabels.PodNamespace] = pod.Namespace;
        request.Filter.LabelSelector[CriLabels.ContainerName] = pod.Container;
        var containers = (await runtime.Runtime.ListContainersAsync(request, cancellationToken).ConfigureAwait(false)).Containers
            .Where(c => c.Labels.GetValueOrDefault(CriLabels.Tenant) is var t && (t == target.Tenant || (target.Tenant == "system" && string.IsNullOrEmpty(t))))
            .OrderByDescending(c => c.Metadata?.Attempt ?? 0).ThenByDescending(c => c.CreatedAt);
        var statuses = new List<ContainerStatus>();
        foreach (var c in containers)
        {
            try
            {
                statuses.Add((await runtime.Runtime.ContainerStatusAsync(new ContainerStatusRequest { ContainerId = c.Id }, cancellationToken).ConfigureAwait(false)).Status);
            }
            catch (GrpcException e) when (e.StatusCode == GrpcStatusCode.NotFound)
            {
            }
        }

        return statuses;
    }

    private static async Task<ContainerStatus> RunningAsync(RegisteredRuntime runtime, ContainerTarget target, CancellationToken cancellationToken)
    {
        var latest = (await AttemptsAsync(runtime, target, cancellationToken).ConfigureAwait(false)).FirstOrDefault();
        return latest is { State: ContainerState.ContainerRunning }
            ? latest
            : throw PodStreamingException.BadRequest($"container {target.Container} is not running in pod {target.Pod}");
    }

    private async Task WaitUntilStoppedAsync(RegisteredRuntime runtime, string id, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(StopPollInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                try
                {
                    var status = await runtime.Runtime.ContainerStatusAsync(new ContainerStatusRequest { ContainerId = id }, cancellationToken).ConfigureAwait(false);
                    if (status.Status.State != ContainerState.ContainerRunning)
                    {
                        return;
                    }
                }
                catch (GrpcException e) when (e.StatusCode == GrpcStatusCode.NotFound)
                {
                    return;
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }
}
