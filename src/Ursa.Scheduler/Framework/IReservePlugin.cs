namespace Ursa.Scheduler.Framework;

/// <summary>Claims node-local state when a pod is assumed onto a node, and gives it back if binding fails.</summary>
public interface IReservePlugin
{
    void Reserve(PodRequest pod, NodeInfo node);

    void Unreserve(PodRequest pod, NodeInfo node);
}
