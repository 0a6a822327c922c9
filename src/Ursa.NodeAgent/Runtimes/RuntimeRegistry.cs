using Microsoft.Extensions.Logging;
using Ursa.Cri;
using Ursa.Cri.V1;
using Ursa.Grpc;

namespace Ursa.NodeAgent.Runtimes;

/// <summary>
/// The only place that knows which runtime serves what (Arktos' runtime registry): one runtime per workload type,
/// one of them primary. Pods are bound late: <see cref="Resolve"/> picks the runtime when the pod is synced, so a
/// runtime that comes up after the pod was bound still gets it.
/// </summary>
public sealed partial class RuntimeRegistry : IRuntimeProbe, IAsyncDisposable
{
    /// <summary>How long one runtime may take to answer a probe before it counts as not ready.</summary>
    public static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(5);

    private readonly IReadOnlyList<RegisteredRuntime> _runtimes;
    private readonly IReadOnlyList<IAsyncDisposable> _owned;
    private readonly ILogger _logger;

    /// <summary>Wires each entry to its services via <paramref name="connect"/>; what it returns that is
    /// <see cref="IAsyncDisposable"/> is disposed with the registry.</summary>
    public RuntimeRegistry(IReadOnlyList<RuntimeEndpointSpec> specs, Func<RuntimeEndpointSpec, (IRuntimeService Runtime, IImageService Images)> connect, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(specs);
        ArgumentNullException.ThrowIfNull(connect);
        _logger = logger;
        var runtimes = new List<RegisteredRuntime>();
        var owned = new List<IAsyncDisposable>();
        foreach (var spec in specs)
        {
            var (runtime, images) = connect(spec);
            runtimes.Add(new RegisteredRuntime(spec, runtime, images));
            if (runtime is IAsyncDisposable r) owned.Add(r);
            if (images is IAsyncDisposable i && !ReferenceEquals(i, runtime)) owned.Add(i);
        }

        _runtimes = runtimes;
        _owned = owned;
    }

    /// <summary>Every registered runtime, primary included.</summary>
    public IReadOnlyList<RegisteredRuntime> Runtimes => _runtimes;

    /// <summary>What a pod needs: a VM runtime for <c>spec.virtualMachine</c>, else a container runtime.</summary>
    public static WorkloadType WorkloadOf(Pod pod) => pod.Spec?.VirtualMachine is null ? WorkloadType.Container : WorkloadType.Vm;

    /// <summary>The runtime serving <paramref name="type"/>, or null when none is registered.</summary>
    public RegisteredRuntime? For(WorkloadType type) => _runtimes.FirstOrDefault(r => r.Spec.WorkloadType == type);

    /// <summary>The runtime for <paramref name="pod"/>, or why there is none (reason, message).</summary>
    public RuntimeResolution Resolve(Pod pod)
    {
        var type = WorkloadOf(pod);
        var runtime = For(type);
        var kind = type == WorkloadType.Vm ? "vm" : "container";
        if (runtime is null)
        {
            return new RuntimeResolution(null, "NoRuntime", $"no runtime on this node serves {kind} pods (registered: {string.Join(", ", _runtimes.Select(r => $"{r.Spec.Name}/{r.Spec.WorkloadType.ToString().ToLowerInvariant()}"))})");
        }

        if (!runtime.Health.Ready)
        {
            return new RuntimeResolution(runtime, "RuntimeNotReady", $"{kind} runtime {runtime.Spec.Name} is not ready: {runtime.Health.Message}");
        }

        return new RuntimeResolution(runtime, null, null);
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<RuntimeHealth>> ProbeAsync(CancellationToken cancellationToken)
    {
        var results = await Task.WhenAll(_runtimes.Select(r => ProbeOneAsync(r, cancellationToken))).ConfigureAwait(false);
        return results;
    }

    private async Task<RuntimeHealth> ProbeOneAsync(RegisteredRuntime runtime, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(ProbeTimeout);
        RuntimeHealth health;
        try
        {
            var version = await runtime.Runtime.VersionAsync(new VersionRequest { Version = "v1" }, timeout.Token).ConfigureAwait(false);
            var status = await runtime.Runtime.StatusAsync(new StatusRequest(), timeout.Token).ConfigureAwait(false);
            var versionText = $"{version.RuntimeName}://{version.RuntimeVersion}";
            var failing = status.Status?.Conditions.Where(c => c.Type is "RuntimeReady" or "NetworkReady" && !c.Status).ToList() ?? [];
            var missing = new[] { "RuntimeReady", "NetworkReady" }.Where(t => status.Status?.Conditions.All(c => c.Type != t) ?? true).ToList();
            health = failing.Count == 0 && missing.Count == 0
                ? new RuntimeHealth(runtime.Spec, true, versionText, null, null)
                : new RuntimeHealth(runtime.Spec, false, versionText, failing.FirstOrDefault()?.Reason is { Length: > 0 } r ? r : "RuntimeNotReady",
                    string.Join("; ", failing.Select(c => $"{c.Type}=false: {c.Reason} {c.Message}".Trim()).Concat(missing.Select(m => $"{m} not reported"))));
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            health = new RuntimeHealth(runtime.Spec, false, runtime.Health.Version, "RuntimeUnresponsive", $"no answer from {runtime.Spec.Endpoint} within {ProbeTimeout.TotalSeconds:0} s");
        }
        catch (Exception e) when (e is GrpcException or HttpRequestException or IOException or System.Net.Sockets.SocketException)
        {
            health = new RuntimeHealth(runtime.Spec, false, runtime.Health.Version, "RuntimeUnreachable", $"{runtime.Spec.Endpoint}: {e.Message}");
        }

        if (health.Ready != runtime.Health.Ready)
        {
            Log.ReadinessChanged(_logger, runtime.Spec.Name, health.Ready, health.Message ?? string.Empty);
        }

        runtime.Health = health;
        return health;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var owned in _owned)
        {
            await owned.DisposeAsync().ConfigureAwait(false);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(420, LogLevel.Information, "Runtime {Runtime} ready={Ready} {Message}")]
        public static partial void ReadinessChanged(ILogger logger, string runtime, bool ready, string message);
    }
}
