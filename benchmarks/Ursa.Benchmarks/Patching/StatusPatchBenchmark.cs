using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using Ursa.Api.Core;
using Ursa.Api.Meta;
using Ursa.ApiMachinery.Patching;
using Ursa.ApiServer.Registry;
using Ursa.ApiServer.Resources;
using Ursa.ApiServer.Schema;
using Ursa.ApiServer.Storage;
using Ursa.ApiServer.Validation;
using Ursa.NodeAgent.Hollow;

namespace Ursa.Benchmarks.Patching;

/// <summary>
/// <c>ursa bench status-patch</c>: the API server's CPU and allocation per pods/status strategic merge patch (the
/// hollow node's and agent's Running report: phase, conditions, containerStatuses, IPs, startTime) on a bound
/// pod, in this process against a <see cref="MemoryStore"/> (no HTTP, no storage, no watch): the path as
/// it was (typed decode → JSON node → merge → typed → whole-pod validation → encode) against
/// <see cref="ObjectRegistry.PatchAsync"/>. Both must store the same bytes; the run fails otherwise.
/// </summary>
public sealed class StatusPatchBenchmark(int pods, int rounds, BenchmarkReport report)
{
    private const string Tenant = "system";
    private const string Namespace = "default";
    private static readonly DateTimeOffset Now = new(2026, 11, 21, 22, 0, 0, TimeSpan.Zero);

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var resource = ResourceCatalog.CreateDefault().Get(string.Empty, "pods");
        var bound = Enumerable.Range(0, pods).Select(BoundPod).ToList();
        var patches = bound.Select(p => JsonNode.Parse(HollowPodStatus.Running(p, Now))!).ToList();
        report.Note($"{pods} bound pods, stored {ObjectCodec.EncodeForStorage(resource, bound[0]).Length} bytes each; patch {patches[0].ToJsonString().Length} bytes; {rounds} rounds, best shown");

        var best = new Dictionary<string, (double Micros, double Bytes)>();
        byte[]? reference = null;
        for (var round = 0; round <= rounds; round++)
        {
            foreach (var variant in new[] { "before", "after" })
            {
                var store = new MemoryStore();
                foreach (var pod in bound)
                {
                    await store.CreateAsync(StorageKeys.ObjectKey(resource, Tenant, Namespace, pod.Metadata.Name!), ObjectCodec.EncodeForStorage(resource, pod), cancellationToken).ConfigureAwait(false);
                }

                var registry = new ObjectRegistry(ResourceCatalog.CreateDefault(), store, TimeProvider.System);
                var allocated = GC.GetAllocatedBytesForCurrentThread();
                // CPU time, not wall time: the machine is shared, and a descheduled thread is not cost.
                var cpu = Process.GetCurrentProcess().TotalProcessorTime;
                for (var i = 0; i < pods; i++)
                {
                    var name = bound[i].Metadata.Name!;
                    _ = variant == "before"
                        ? await PatchAsBeforeAsync(resource, store, name, patches[i], cancellationToken).ConfigureAwait(false)
                        : (await registry.PatchAsync(resource, Tenant, Namespace, name, "status", new ObjectPatch("application/strategic-merge-patch+json", patches[i], null, _ => { }), dryRun: false, cancellationToken).ConfigureAwait(false)).Json;
                }

                var micros = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMicroseconds / pods;
                var bytes = (double)(GC.GetAllocatedBytesForCurrentThread() - allocated) / pods;
                var stored = (await store.GetAsync(StorageKeys.ObjectKey(resource, Tenant, Namespace, bound[^1].Metadata.Name!), cancellationToken).ConfigureAwait(false))!.Value.ToArray();
                reference ??= stored;
                if (!stored.AsSpan().SequenceEqual(reference))
                {
                    throw new InvalidOperationException($"the {variant} path stored different bytes:\n{System.Text.Encoding.UTF8.GetString(stored)}\nagainst\n{System.Text.Encoding.UTF8.GetString(reference)}");
                }

                if (round == 0)
                {
                    continue; // warm-up: JIT tiering
                }

                report.Note($"round {round} {variant}: {micros:F1} us CPU/patch (process), {bytes:F0} bytes allocated/patch");
                if (!best.TryGetValue(variant, out var b) || micros < b.Micros)
                {
                    best[variant] = (micros, bytes);
                }
            }
        }

        foreach (var (variant, (micros, bytes)) in best)
        {
            report.Result($"status_patch_{variant}_cpu", Math.Round(micros, 1), "us/patch");
            report.Result($"status_patch_{variant}_allocated", Math.Round(bytes), "bytes/patch");
        }
    }

    /// <summary>The path before PatchAsync, step by step as ResourceEndpoint and ObjectRegistry ran it.</summary>
    private static async Task<byte[]> PatchAsBeforeAsync(ResourceDefinition resource, MemoryStore store, string name, JsonNode patch, CancellationToken cancellationToken)
    {
        var key = StorageKeys.ObjectKey(resource, Tenant, Namespace, name);
        var entry = (await store.GetAsync(key, cancellationToken).ConfigureAwait(false))!;
        var current = ObjectCodec.DecodeStored(resource, entry.Value.Span, entry.ModRevision);
        var input = ObjectCodec.DecodeStored(resource, entry.Value.Span, entry.ModRevision);
        var original = JsonSerializer.SerializeToNode(input, resource.TypeInfo);
        var patched = StrategicMergePatch.Apply(original, patch, TypePatchSchema.For(resource.TypeInfo.Type));
        patched["metadata"]?.AsObject().Remove("resourceVersion");
        var desired = ObjectDecoder.Decode(resource, JsonSerializer.SerializeToUtf8Bytes(patched), null, _ => { });
        var property = current.GetType().GetProperty("Status")!;
        property.SetValue(current, property.GetValue(desired));
        var errors = new FieldErrorList();
        MetadataValidator.Validate(current.Metadata, errors);
        resource.Strategy.Validate(current, errors);
        resource.Strategy.ValidateUpdate(current, current, errors);
        var stored = await store.UpdateAsync(key, ObjectCodec.EncodeForStorage(resource, current), entry.ModRevision, cancellationToken).ConfigureAwait(false);
        return ResourceVersionStamp.Apply(stored.Value.Span, stored.ModRevision);
    }

    /// <summary>The bench's pod as the scheduler leaves it: created (defaults applied), bound, PodScheduled.</summary>
    private static Pod BoundPod(int i)
    {
        var pod = new Pod
        {
            ApiVersion = "v1",
            Kind = "Pod",
            Metadata = new ObjectMeta
            {
                Name = $"p-{i}",
                Namespace = Namespace,
                Tenant = Tenant,
                Uid = $"00000000-0000-4000-8000-{i:D12}",
                CreationTimestamp = Now,
                Generation = 1,
                Labels = new() { ["app"] = "bench" },
            },
            Spec = new PodSpec
            {
                SchedulerName = "bench-scheduler",
                Containers = [new Container { Name = "c", Image = "ursa.local/busybox:latest", Resources = new ResourceRequirements { Requests = new() { ["cpu"] = "10m", ["memory"] = "16Mi" } } }],
            },
        };
        new Ursa.ApiServer.Resources.Strategies.PodStrategy().PrepareForCreate(pod);
        pod.Spec!.NodeName = $"hollow-{i % 5000}";
        pod.Status!.Conditions = [new PodCondition { Type = "PodScheduled", Status = "True", LastTransitionTime = Now }];
        return pod;
    }
}
