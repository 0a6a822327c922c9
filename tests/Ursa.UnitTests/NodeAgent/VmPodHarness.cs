using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging.Abstractions;
using Ursa.Api.Core;
using Ursa.Api.Meta;
using Ursa.Client.Events;
using Ursa.Client.Rest;
using Ursa.Cri;
using Ursa.Cri.V1;
using Ursa.Cri.Vm;
using Ursa.Grpc;
using Ursa.NodeAgent.Agent;
using Ursa.NodeAgent.Pods;
using Ursa.NodeAgent.Registration;
using Ursa.UnitTests.Testing;

namespace Ursa.UnitTests.NodeAgent;

/// <summary>
/// A <see cref="PodSyncer"/> over fakes for one VM pod whose sandbox is ready and whose VM does not exist yet: the
/// next sync pulls the image and creates the VM. Records the pod's events and status writes; the test supplies the
/// image and VM services' answers.
/// </summary>
internal sealed class VmPodHarness
{
    public const string Image = "http://127.0.0.1:8080/guest.qcow2";

    private readonly ConcurrentQueue<Event> _events = new();
    private readonly TaskCompletionSource _drained = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public VmPodHarness(string? pullPolicy = null, bool vmRunning = false)
    {
        Pod = new Pod
        {
            Metadata = new ObjectMeta { Name = "guest", Namespace = "default", Uid = "u1" },
            Spec = new PodSpec { VirtualMachine = new VirtualMachine { Name = "vm", Image = Image, ImagePullPolicy = pullPolicy } },
        };
        var client = FakeService<IApiClient>.Create(new Dictionary<string, Func<object?[], object?>>
        {
            [nameof(IApiClient.CreateAsync)] = args =>
            {
                var ev = (Event)args[1]!;
                if (ev.Reason == "TestDrained")
                {
                    _drained.TrySetResult();
                }
                else
                {
                    _events.Enqueue(ev);
                }

                return Task.FromResult(ev);
            },
            [nameof(IApiClient.PatchAsync)] = args =>
            {
                Patches.Enqueue(((string)args[5]!, (string?)args[6]));
                return Task.FromResult(Pod);
            },
            [nameof(IApiClient.UpdateAsync)] = args =>
            {
                var pod = (Pod)args[1]!;
                Statuses.Enqueue(pod.Status!);
                return Task.FromResult(pod);
            },
        });
        Recorder = new EventRecorder(client, "ursa-agent", Time);
        Syncer = new PodSyncer(new AgentOptions { NodeName = "n1", RootDirectory = "/nonexistent/ursa-agent" }, new MachineInfo(2, 4L << 30, "6.1", "Debian", "m", "b", "amd64"),
            client, Recorder, Time, NullLogger.Instance);
        Runtime = FakeService<IRuntimeService>.Create(new Dictionary<string, Func<object?[], object?>>
        {
            [nameof(IRuntimeService.ListPodSandboxAsync)] = _ => Task.FromResult(new ListPodSandboxResponse
            {
                Items = { new PodSandbox { Id = "sb", Metadata = new PodSandboxMetadata { Name = "guest", Namespace = "default", Uid = "u1" }, State = PodSandboxState.SandboxReady } },
            }),
            [nameof(IRuntimeService.PodSandboxStatusAsync)] = _ => Task.FromResult(new PodSandboxStatusResponse
            {
                Status = new PodSandboxStatus { Id = "sb", State = PodSandboxState.SandboxReady, Network = new PodSandboxNetworkStatus { Ip = "10.88.0.9" } },
            }),
            [nameof(IRuntimeService.ListContainersAsync)] = _ => Task.FromResult(vmRunning
                ? new ListContainersResponse { Containers = { new Ursa.Cri.V1.Container { Id = "vm-1", PodSandboxId = "sb", Metadata = new ContainerMetadata { Name = "vm" }, State = Ursa.Cri.V1.ContainerState.ContainerRunning } } }
                : new ListContainersResponse()),
            [nameof(IRuntimeService.ContainerStatusAsync)] = _ => Task.FromResult(new ContainerStatusResponse
            {
                Status = new Ursa.Cri.V1.ContainerStatus { Id = "vm-1", Metadata = new ContainerMetadata { Name = "vm" }, State = Ursa.Cri.V1.ContainerState.ContainerRunning, StartedAt = 1, Image = new ImageSpec { Image = Image }, ImageRef = Image },
            }),
            [nameof(IRuntimeService.StartContainerAsync)] = _ => Task.FromResult(new StartContainerResponse()),
            [nameof(IRuntimeService.StopContainerAsync)] = args =>
            {
                Stopped.Enqueue((StopContainerRequest)args[0]!);
                return Task.FromResult(new StopContainerResponse());
            },
        });
    }

    public ManualTimeProvider Time { get; } = new();

    public Pod Pod { get; }

    public EventRecorder Recorder { get; }

    public PodSyncer Syncer { get; }

    public IRuntimeService Runtime { get; }

    /// <summary>The requests the VM service received for CreateVirtualMachine.</summary>
    public ConcurrentQueue<CreateVirtualMachineRequest> Created { get; } = new();

    public ConcurrentQueue<PodStatus> Statuses { get; } = new();

    /// <summary>The patches written to the API (body, subresource).</summary>
    public ConcurrentQueue<(string Patch, string? Subresource)> Patches { get; } = new();

    /// <summary>The StopContainer requests the runtime received (no sandbox is ever stopped or removed: not faked).</summary>
    public ConcurrentQueue<StopContainerRequest> Stopped { get; } = new();

    /// <summary>A VM service whose PullDiskImage is <paramref name="pull"/> (null: a runtime that predates it).</summary>
    public IVirtualMachineService Vms(Func<PullDiskImageRequest, CancellationToken, IAsyncEnumerable<PullDiskImageProgress>>? pull, Dictionary<string, Func<object?[], object?>>? more = null)
    {
        var handlers = new Dictionary<string, Func<object?[], object?>>
        {
            [nameof(IVirtualMachineService.CreateVirtualMachineAsync)] = args =>
            {
                Created.Enqueue((CreateVirtualMachineRequest)args[0]!);
                return Task.FromResult(new CreateVirtualMachineResponse { ContainerId = "vm-1" });
            },
        };
        handlers[nameof(IVirtualMachineService.PullDiskImageAsync)] = args => (pull ?? NotServed)((PullDiskImageRequest)args[0]!, (CancellationToken)args[1]!);
        foreach (var (method, handler) in more ?? [])
        {
            handlers[method] = handler;
        }

        return FakeService<IVirtualMachineService>.Create(handlers);
    }

    /// <summary>The pod's events, in the order they were recorded: drains the recorder's queue.</summary>
    public async Task<IReadOnlyList<(string Reason, string Message)>> EventsAsync()
    {
        Recorder.Record(Pod, "Pod", "Normal", "TestDrained", string.Empty);
        using var stop = new CancellationTokenSource();
        var writer = Recorder.RunAsync(stop.Token);
        try
        {
            await _drained.Task.WaitAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException("the event recorder did not deliver the pod's events within 10 s");
        }

        await stop.CancelAsync().ConfigureAwait(false);
        await writer.ConfigureAwait(false);
        return [.. _events.Select(e => (e.Reason!, e.Message!))];
    }

    // What the gRPC client does against a runtime without the method: the call fails at its first read.
    private static async IAsyncEnumerable<PullDiskImageProgress> NotServed(PullDiskImageRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await Task.Yield();
        throw new GrpcException(GrpcStatusCode.Unimplemented, "method /ursa.vm.v1.VirtualMachineService/PullDiskImage is not served here");
#pragma warning disable CS0162 // An iterator needs a yield.
        yield break;
#pragma warning restore CS0162
    }
}
