namespace Ursa.ApiMachinery.Protobuf;

/// <summary>
/// A Kubernetes protobuf body could not be decoded: no <c>k8s\0</c> magic, a truncated or overlong field,
/// an unsupported content encoding, or an <c>apiVersion</c>/<c>kind</c> this server has no schema for.
/// The message is written for a 400 response.
/// </summary>
public sealed class ProtobufDecodeException : Exception
{
    public ProtobufDecodeException(string message)
        : base(message)
    {
    }

    public ProtobufDecodeException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public ProtobufDecodeException()
    {
    }
}
