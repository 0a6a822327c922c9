using System.Threading.Channels;
using Ursa.Api.Core;
using Ursa.Api.Meta;
using Ursa.Client.Rest;

namespace Ursa.Client.Events;

/// <summary>
/// Records Events about objects without slowing the caller: events are queued and written by a background loop;
/// when the queue is full (a storm), new events are dropped rather than stalling scheduling or pod syncs —
/// events are diagnostics, not state (Kubernetes' event broadcaster makes the same trade).
/// </summary>
public sealed class EventRecorder(IApiClient client, string component, TimeProvider time, int capacity = 4096)
{
    private readonly Channel<Event> _queue = Channel.CreateBounded<Event>(new BoundedChannelOptions(capacity)
    {
        FullMode = BoundedChannelFullMode.DropWrite,
        SingleReader = true,
    });

    private long _dropped;

    /// <summary>Events dropped because the queue was full.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    public void Record(KubeObject about, string kind, string type, string reason, string message)
    {
        var now = time.GetUtcNow();
        var ev = new Event
        {
            Metadata = new ObjectMeta
            {
                Name = $"{about.Metadata.Name}.{now.UtcTicks:x}{Random.Shared.Next(0x1000):x3}",
                Namespace = about.Metadata.Namespace ?? "default",
                Tenant = about.Metadata.Tenant,
            },
            InvolvedObject = new ObjectReference
            {
                Kind = kind,
                ApiVersion = about.ApiVersion ?? "v1",
                Name = about.Metadata.Name,
                Namespace = about.Metadata.Namespace,
                Tenant = about.Metadata.Tenant,
                Uid = about.Metadata.Uid,
                ResourceVersion = about.Metadata.ResourceVersion,
            },
            Reason = reason,
            Message = message,
            Type = type,
            Count = 1,
            FirstTimestamp = now,
            LastTimestamp = now,
            Source = new EventSource { Component = component },
            ReportingComponent = component,
        };
        if (!_queue.Writer.TryWrite(ev))
        {
            Interlocked.Increment(ref _dropped);
        }
    }

    /// <summary>Writes queued events until cancelled.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var ev in _queue.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                try
                {
                    await client.CreateAsync(ResourceRef.Events, ev, cancellationToken).ConfigureAwait(false);
                }
                catch (Exception e) when (e is ApiStatusException or HttpRequestException or IOException)
                {
                    // Best effort: an event that cannot be written is not retried.
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }
}
