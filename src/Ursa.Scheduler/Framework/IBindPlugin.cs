namespace Ursa.Scheduler.Framework;

/// <summary>Writes the decision (the pods/binding subresource). May run concurrently for different pods.</summary>
public interface IBindPlugin
{
    Task BindAsync(Pod pod, string nodeName, CancellationToken cancellationToken);
}
