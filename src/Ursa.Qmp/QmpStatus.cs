namespace Ursa.Qmp;

/// <summary>The answer of <c>query-status</c>.</summary>
/// <param name="Status">QEMU's run state, e.g. <c>running</c>, <c>paused</c>, <c>prelaunch</c>, <c>shutdown</c>, <c>internal-error</c>.</param>
/// <param name="Running">Whether the vCPUs are running.</param>
public sealed record QmpStatus(string Status, bool Running);
