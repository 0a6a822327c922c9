namespace Ursa.Qmp.Internal;

/// <summary>A subscriber of <see cref="QmpEventHub"/>.</summary>
internal interface IQmpEventSink
{
    /// <summary>Offers an event; returns true when the sink wants no more (it is then removed).</summary>
    bool Offer(QmpEvent qmpEvent);

    /// <summary>The connection ended: no event will follow.</summary>
    void Close(Exception reason);
}
