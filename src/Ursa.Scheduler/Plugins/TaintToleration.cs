using Ursa.Scheduler.Framework;

namespace Ursa.Scheduler.Plugins;

/// <summary>NoSchedule and NoExecute taints repel pods that do not tolerate them; PreferNoSchedule lowers the score.</summary>
public sealed class TaintToleration : IFilterPlugin, IScorePlugin
{
    public string Name => nameof(TaintToleration);

    public int Weight => 3;

    public FilterResult Filter(PodRequest pod, NodeInfo node)
    {
        foreach (var taint in node.Node.Spec?.Taints ?? [])
        {
            if (taint.Effect is "NoSchedule" or "NoExecute" && !Tolerates(pod.Pod, taint))
            {
                return FilterResult.Fail($"node(s) had untolerated taint {{{taint.Key}: {taint.Value}}}");
            }
        }

        return FilterResult.Success;
    }

    public int Score(PodRequest pod, NodeInfo node)
    {
        var untolerated = (node.Node.Spec?.Taints ?? []).Count(t => t.Effect == "PreferNoSchedule" && !Tolerates(pod.Pod, t));
        return Math.Max(0, 100 - (untolerated * 25));
    }

    public static bool Tolerates(Pod pod, Taint taint) =>
        (pod.Spec?.Tolerations ?? []).Any(t =>
            (string.IsNullOrEmpty(t.Effect) || t.Effect == taint.Effect) &&
            (t.Operator == "Exists"
                ? string.IsNullOrEmpty(t.Key) || t.Key == taint.Key
                : t.Key == taint.Key && (t.Value ?? string.Empty) == (taint.Value ?? string.Empty)));
}
