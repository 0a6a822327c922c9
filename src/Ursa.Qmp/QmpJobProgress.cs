namespace Ursa.Qmp;

/// <summary>A job's progress from <c>query-jobs</c>; the units are the job's own (bytes for most), only their ratio means anything.</summary>
public sealed record QmpJobProgress(string JobId, string Status, long Current, long Total);
