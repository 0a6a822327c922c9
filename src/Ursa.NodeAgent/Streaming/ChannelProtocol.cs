namespace Ursa.NodeAgent.Streaming;

/// <summary>
/// The Kubernetes remote-command channel protocol over WebSocket, as kubectl, the kubelet and containerd speak
/// it. Every binary message is one byte of channel then the payload:
/// <code>
///   0 stdin   client → server
///   1 stdout  server → client
///   2 stderr  server → client
///   3 error   server → client: a metav1.Status, sent once at the end (v4 and later)
///   4 resize  client → server: {"Width":w,"Height":h}
/// 255 close   either way, v5 only: payload is the one channel whose writer is done (stdin EOF)
/// </code>
/// v4 cannot signal stdin EOF; v5 (kubectl 1.30+) can. v1-v3 (plain-text errors, no exit codes) and the
/// base64 text variants are not served: no kubectl that speaks WebSocket offers only those.
/// </summary>
public static class ChannelProtocol
{
    /// <summary>v5: v4 plus the close signal on channel 255.</summary>
    public const string V5 = "v5.channel.k8s.io";

    /// <summary>v4: channels 0-4, exit codes in a Status on channel 3.</summary>
    public const string V4 = "v4.channel.k8s.io";

    public const byte Stdin = 0;
    public const byte Stdout = 1;
    public const byte Stderr = 2;
    public const byte Error = 3;
    public const byte Resize = 4;
    public const byte Close = 255;

    /// <summary>The subprotocols served, most preferred first.</summary>
    public static IReadOnlyList<string> Supported { get; } = [V5, V4];

    /// <summary>Whether the protocol can signal the end of a stream (channel 255).</summary>
    public static bool SupportsClose(string protocol) => protocol == V5;

    /// <summary>
    /// The protocol to speak with a client that offered <paramref name="offered"/> (in any order): the newest one
    /// both sides know, or null.
    /// </summary>
    public static string? Negotiate(IEnumerable<string> offered)
    {
        var set = offered.SelectMany(o => o.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)).ToHashSet(StringComparer.Ordinal);
        return Supported.FirstOrDefault(set.Contains);
    }

    /// <summary>One message: the channel byte followed by <paramref name="payload"/>.</summary>
    public static byte[] Frame(byte channel, ReadOnlySpan<byte> payload)
    {
        var message = new byte[payload.Length + 1];
        message[0] = channel;
        payload.CopyTo(message.AsSpan(1));
        return message;
    }
}
