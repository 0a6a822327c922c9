namespace Ursa.NodeAgent.Runtimes;

/// <summary>The runtime a pod goes to; <see cref="Reason"/> is set when it cannot run there now.</summary>
/// <param name="Runtime">The runtime serving the pod's workload type, if any.</param>
/// <param name="Reason">Null when the pod can be synced; else <c>NoRuntime</c> or <c>RuntimeNotReady</c>.</param>
/// <param name="Message">What to tell the user.</param>
public sealed record RuntimeResolution(RegisteredRuntime? Runtime, string? Reason, string? Message)
{
    /// <summary>True when <see cref="Runtime"/> is set and ready.</summary>
    public bool CanRun => Reason is null && Runtime is not null;
}
