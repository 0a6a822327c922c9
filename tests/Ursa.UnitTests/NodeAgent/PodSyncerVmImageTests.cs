using System.Runtime.CompilerServices;
using Ursa.Cri;
using Ursa.Cri.V1;
using Ursa.Cri.Vm;
using Ursa.Grpc;
using Ursa.UnitTests.Testing;
using CriImage = Ursa.Cri.V1.Image;

namespace Ursa.UnitTests.NodeAgent;

/// <summary>The disk image step of a VM pod's sync: PullDiskImage's progress as pod events, policies, fallback, errors.</summary>
public sealed class PodSyncerVmImageTests
{
    private const long MiB = 1 << 20;
    private const string Image = VmPodHarness.Image;

    [Fact]
    public async Task Sync_VmPod_StreamedPull_PullingProgressPulledEvents_ThenVmCreated()
    {
        var harness = new VmPodHarness();
        var requested = new List<string>();
        var vms = harness.Vms((request, ct) =>
        {
            requested.Add(request.Image.Image);
            return Download(harness.Time, 260 * MiB, reports: 20, every: TimeSpan.FromSeconds(0.5), ct);
        });

        await harness.Syncer.SyncAsync(harness.Pod, harness.Runtime, Images(present: false), "qemu", CancellationToken.None, vms);

        Assert.Equal([Image], requested);
        var events = await harness.EventsAsync();
        // 20 reports of 5 %, 0.5 s apart (10 s): an event per 10 % step; none at 100 %, the Pulled event says it.
        string[] steps = ["10% (26 MiB", "20% (52 MiB", "30% (78 MiB", "40% (104 MiB", "50% (130 MiB", "60% (156 MiB", "70% (182 MiB", "80% (208 MiB", "90% (234 MiB"];
        Assert.Equal(
            [
                ("Pulling", $"Pulling image \"{Image}\""),
                .. steps.Select(s => ("Pulling", $"Pulling image \"{Image}\": {s} of 260 MiB)")),
                ("Pulled", $"Successfully pulled image \"{Image}\" in 10.0s (260 MiB)"),
                ("Created", "Created virtual machine vm"),
                ("Started", "Started virtual machine vm"),
            ],
            events);
        Assert.Equal(Image, Assert.Single(harness.Created).Vm.Image.Image);
    }

    [Fact]
    public async Task Sync_VmPod_RuntimeWithoutPullDiskImage_FallsBackToPullImage()
    {
        var harness = new VmPodHarness();
        var pulls = new List<string>();

        await harness.Syncer.SyncAsync(harness.Pod, harness.Runtime, Images(present: false, pulls), "qemu", CancellationToken.None, harness.Vms(pull: null));

        Assert.Equal([Image], pulls);
        var events = await harness.EventsAsync();
        Assert.Equal(
            [
                ("Pulling", $"Pulling image \"{Image}\""),
                ("Pulled", $"Successfully pulled image \"{Image}\" in 0.0s (3 MiB)"),
                ("Created", "Created virtual machine vm"),
                ("Started", "Started virtual machine vm"),
            ],
            events);
    }

    [Fact]
    public async Task Sync_VmPod_PullFails_ErrImagePull_ThenImagePullBackOff()
    {
        var harness = new VmPodHarness();
        var calls = 0;
        var vms = harness.Vms((_, ct) =>
        {
            calls++;
            return Fail(ct);
        });
        var images = Images(present: false);

        var first = await harness.Syncer.SyncAsync(harness.Pod, harness.Runtime, images, "qemu", CancellationToken.None, vms);
        var second = await harness.Syncer.SyncAsync(harness.Pod, harness.Runtime, images, "qemu", CancellationToken.None, vms);

        Assert.Equal(1, calls);
        Assert.Empty(harness.Created);
        Assert.Equal(TimeSpan.FromSeconds(10), first.RequeueAfter);
        Assert.Equal(TimeSpan.FromSeconds(10), second.RequeueAfter);
        var events = await harness.EventsAsync();
        Assert.Equal(
            [
                ("Pulling", $"Pulling image \"{Image}\""),
                ("Failed", $"Failed to pull image \"{Image}\": {Image}: 404 Not Found"),
                ("Failed", "Error: ErrImagePull"),
                ("BackOff", $"Back-off pulling image \"{Image}\""),
            ],
            events);
        var reasons = harness.Statuses.Select(s => s.Conditions!.Single(c => c.Type == "Ready").Reason).ToList();
        Assert.Equal(["ErrImagePull", "ImagePullBackOff"], reasons);
    }

    [Theory]
    [InlineData("IfNotPresent", true, "Pulled", "Disk image \"" + Image + "\" already present on machine")]
    [InlineData(null, true, "Pulled", "Disk image \"" + Image + "\" already present on machine")]
    [InlineData("Never", false, "ErrImageNeverPull", "Disk image \"" + Image + "\" is not present with pull policy of Never")]
    public async Task Sync_VmPod_PolicyDecidesWithoutPulling(string? policy, bool present, string reason, string message)
    {
        var harness = new VmPodHarness(policy);
        var vms = harness.Vms((_, _) => throw new InvalidOperationException("the policy says no pull"));

        await harness.Syncer.SyncAsync(harness.Pod, harness.Runtime, Images(present), "qemu", CancellationToken.None, vms);

        var events = await harness.EventsAsync();
        Assert.Equal((reason, message), events[0]);
        Assert.Equal(present ? 1 : 0, harness.Created.Count);
    }

    /// <summary>The runtime's ImageService: <paramref name="present"/> says whether the image is in its store;
    /// PullImage (the fallback) records the pull and yields an image of 3 MiB.</summary>
    private static IImageService Images(bool present, List<string>? pulls = null) => FakeService<IImageService>.Create(new Dictionary<string, Func<object?[], object?>>
    {
        [nameof(IImageService.ImageStatusAsync)] = args => Task.FromResult(((ImageStatusRequest)args[0]!).Image.Image switch
        {
            Image when present => new ImageStatusResponse { Image = new CriImage { Id = "sha256:present", Size = 3 * MiB } },
            "sha256:pulled" => new ImageStatusResponse { Image = new CriImage { Id = "sha256:pulled", Size = 3 * MiB } },
            _ => new ImageStatusResponse(),
        }),
        [nameof(IImageService.PullImageAsync)] = args =>
        {
            pulls?.Add(((PullImageRequest)args[0]!).Image.Image);
            return Task.FromResult(new PullImageResponse { ImageRef = "sha256:pulled" });
        },
    });

    private static async IAsyncEnumerable<PullDiskImageProgress> Download(ManualTimeProvider time, long total, int reports, TimeSpan every, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await Task.Yield();
        yield return new PullDiskImageProgress { Phase = PullPhase.Resolving };
        yield return new PullDiskImageProgress { Phase = PullPhase.Downloading, BytesTotal = total };
        for (var i = 1; i <= reports; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            time.Advance(every);
            yield return new PullDiskImageProgress { Phase = PullPhase.Downloading, BytesDone = total * i / reports, BytesTotal = total };
        }

        yield return new PullDiskImageProgress { Phase = PullPhase.Complete, BytesDone = total, BytesTotal = total, ImageRef = "sha256:abc", SizeBytes = total };
    }

    private static async IAsyncEnumerable<PullDiskImageProgress> Fail([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await Task.Yield();
        yield return new PullDiskImageProgress { Phase = PullPhase.Resolving };
        cancellationToken.ThrowIfCancellationRequested();
        throw new GrpcException(GrpcStatusCode.NotFound, $"{Image}: 404 Not Found");
    }
}
