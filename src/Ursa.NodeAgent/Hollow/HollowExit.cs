using System.Globalization;

namespace Ursa.NodeAgent.Hollow;

/// <summary>
/// How a hollow node ends a pod that asks to be ended: the annotation <c>ursa.io/hollow-exit-after</c> (a
/// duration: <c>1s</c>, <c>500ms</c>, <c>2m</c>) makes the pod's containers (or VM) exit that long after they
/// were reported running, with the code in <c>ursa.io/hollow-exit-code</c> (default 0). Then the pod's
/// restartPolicy decides, as the kubelet's would: Never ends the pod (Succeeded or Failed), OnFailure restarts
/// it after a failure, Always after any exit. Lets Jobs complete and fail on hollow nodes. Pure.
/// </summary>
public sealed record HollowExit(TimeSpan After, int ExitCode)
{
    public const string AfterAnnotation = "ursa.io/hollow-exit-after";
    public const string CodeAnnotation = "ursa.io/hollow-exit-code";

    /// <summary>The pod's exit plan, or null when it runs until deleted (or its annotations are malformed).</summary>
    public static HollowExit? Of(Pod pod)
    {
        var annotations = pod.Metadata.Annotations;
        if (annotations?.GetValueOrDefault(AfterAnnotation) is not { } after || ParseDuration(after) is not { } delay)
        {
            return null;
        }

        var code = annotations.GetValueOrDefault(CodeAnnotation) is { } text && int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var parsed) ? parsed : 0;
        return new HollowExit(delay, code);
    }

    /// <summary>Whether the kubelet would restart the containers after this exit rather than end the pod.</summary>
    public bool Restarts(Pod pod) => (pod.Spec?.RestartPolicy ?? "Always") switch
    {
        "Never" => false,
        "OnFailure" => ExitCode != 0,
        _ => true,
    };

    /// <summary>Go-style durations with one unit: <c>ms</c>, <c>s</c>, <c>m</c>, <c>h</c>.</summary>
    public static TimeSpan? ParseDuration(string text)
    {
        var (unit, scale) = text.EndsWith("ms", StringComparison.Ordinal) ? ("ms", 1.0)
            : text.EndsWith('s') ? ("s", 1000.0)
            : text.EndsWith('m') ? ("m", 60_000.0)
            : text.EndsWith('h') ? ("h", 3_600_000.0)
            : (string.Empty, 0.0);
        if (unit.Length == 0 || !double.TryParse(text.AsSpan(0, text.Length - unit.Length), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
        {
            return null;
        }

        return TimeSpan.FromMilliseconds(value * scale);
    }
}
