namespace Ursa.Scheduler.Framework;

/// <summary>Rules out nodes that cannot run the pod. Called concurrently for different nodes: must not mutate.</summary>
public interface IFilterPlugin
{
    string Name { get; }

    FilterResult Filter(PodRequest pod, NodeInfo node);
}
