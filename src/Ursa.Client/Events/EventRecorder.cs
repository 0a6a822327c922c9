using System.Threading.Channels;
using Ursa.Api.Core;
using Ursa.Api.Meta;
using Ursa.Api.Serialization;
using Ursa.Client.Rest;

namespace Ursa.Client.Events;

/// <summary>
/// Records Events about objects without slowing the caller: events are queued and written by a background loop;
/// when the queue is full (a storm), new events are dropped rather than stalling scheduling or pod syncs —
/// events are diagnostics, not state (Kubernetes' event broadcaster makes the same trade).
/// </summary>
/// <param name="writers">
/// Events written concurrently. One suits an agent; a scheduler binding hundreds of pods a second records as many
/// Scheduled events, more than one request at a time can write, and a single writer would drop most of them.
/// </param>
public sealed class EventRecorder(IApiClient client, string component, TimeProvider time, int capacity = 4096, int writers = 1)
{
    private readonly Channel<Event> _queue = Channel.CreateBounded<Event>(new BoundedChannelOptions(capacity)
    {
        FullMode = BoundedChannelFullMode.DropWrite,
        SingleReader = writers == 1,
    });

    private long _dropped;

    /// <summary>Events dropped because the queue was full.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>Events queued and not yet taken by a writer.</summary>
    public int Pending => _queue.Reader.Count;

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
    public Task RunAsync(CancellationToken cancellationToken) =>
        Task.WhenAll(Enumerable.Range(0, Math.Max(1, writers)).Select(_ => WriteAsync(cancellationToken)));

    private async Task WriteAsync(CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var ev in _queue.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                try
                {
                    await WriteAsync(ev, cancellationToken).ConfigureAwait(false);
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

    /// <summary>Creates the event; the object the server returns is not needed.</summary>
    private Task WriteAsync(Event ev, CancellationToken cancellationToken) =>
        client.CreateWithoutResultAsync(ResourceRef.Events, ev, UrsaJsonContext.Default.Event, cancellationToken);
}
