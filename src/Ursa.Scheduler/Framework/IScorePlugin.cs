namespace Ursa.Scheduler.Framework;

/// <summary>Ranks feasible nodes, 0–100 (higher is better); scores are summed with weights. Must not mutate.</summary>
public interface IScorePlugin
{
    string Name { get; }

    int Weight { get; }

    int Score(PodRequest pod, NodeInfo node);
}
