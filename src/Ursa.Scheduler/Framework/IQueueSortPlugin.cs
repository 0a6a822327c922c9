namespace Ursa.Scheduler.Framework;

/// <summary>Orders the pods waiting to be scheduled.</summary>
public interface IQueueSortPlugin
{
    int Compare(Pod left, Pod right);
}
