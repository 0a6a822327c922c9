using System.Threading.Channels;

namespace Ursa.Qmp.Internal;

/// <summary>
/// An unbounded queue of events for one <see cref="QmpEventHub.ReadEventsAsync"/> reader. Unbounded because the
/// reader loop must never block on a slow subscriber (a blocked reader would stall every command's reply), and
/// QEMU's event rate is low: tens per second at most, even during hot-plug and jobs.
/// </summary>
internal sealed class ChannelEventSink : IQmpEventSink
{
    private readonly Channel<QmpEvent> _channel = Channel.CreateUnbounded<QmpEvent>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = false });

    public ChannelReader<QmpEvent> Reader => _channel.Reader;

    public bool Offer(QmpEvent qmpEvent) => !_channel.Writer.TryWrite(qmpEvent);

    public void Close(Exception reason) => _channel.Writer.TryComplete();
}
