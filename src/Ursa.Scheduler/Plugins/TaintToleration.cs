using Ursa.Scheduler.Framework;

namespace Ursa.Scheduler.Plugins;

/// <summary>NoSchedule and NoExecute taints repel pods that do not tolerate them; PreferNoSchedule lowers the score.</summary>
public sealed class TaintToleration : IFilterPlugin, IScorePlugin
{
    public string Name => nameof(TaintToleration);

    public int Weight => 3;

    public FilterResult Filter(PodRequest pod, NodeInfo node)
    {
        var taints = node.Taints;
        for (var i = 0; i < taints.Count; i++)
        {
            var taint = taints[i];
            if (taint.Effect is "NoSchedule" or "NoExecute" && !Tolerates(pod.Pod, taint))
            {
                return FilterResult.Fail($"node(s) had untolerated taint {{{taint.Key}: {taint.Value}}}");
            }
        }

        return FilterResult.Success;
    }

    public int Score(PodRequest pod, NodeInfo node)
    {
        var taints = node.Taints;
        var untolerated = 0;
        for (var i = 0; i < taints.Count; i++)
        {
            if (taints[i].Effect == "PreferNoSchedule" && !Tolerates(pod.Pod, taints[i]))
            {
                untolerated++;
            }
        }

        return Math.Max(0, 100 - (untolerated * 25));
    }

    public static bool Tolerates(Pod pod, Taint taint)
    {
        if (pod.Spec?.Tolerations is not { } tolerations)
        {
            return false;
        }

        foreach (var t in tolerations)
        {
            if ((string.IsNullOrEmpty(t.Effect) || t.Effect == taint.Effect) &&
                (t.Operator == "Exists"
                    ? string.IsNullOrEmpty(t.Key) || t.Key == taint.Key
                    : t.Key == taint.Key && (t.Value ?? string.Empty) == (taint.Value ?? string.Empty)))
            {
                return true;
            }
        }

        return false;
    }
}
