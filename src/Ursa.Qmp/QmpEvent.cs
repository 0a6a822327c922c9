using System.Text.Json.Nodes;

namespace Ursa.Qmp;

/// <summary>
/// A QMP event. <paramref name="Data"/> is shared by every subscriber of the event: treat it as read-only.
/// </summary>
/// <param name="Name">The event name, e.g. <c>STOP</c>, <c>DEVICE_DELETED</c>, <c>JOB_STATUS_CHANGE</c>.</param>
/// <param name="Data">The event's <c>data</c> (empty when it has none).</param>
/// <param name="Timestamp">When QEMU emitted it (its host clock, microseconds).</param>
public sealed record QmpEvent(string Name, JsonObject Data, DateTimeOffset Timestamp);
