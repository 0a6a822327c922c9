namespace Ursa.Qmp;

/// <summary>The QMP connection ended (QEMU exited, the socket broke, or the client was disposed) before an answer arrived.</summary>
public sealed class QmpConnectionException : IOException
{
    public QmpConnectionException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}
