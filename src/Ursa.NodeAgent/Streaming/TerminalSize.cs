namespace Ursa.NodeAgent.Streaming;

/// <summary>A terminal size sent by the client on the resize channel (<c>{"Width":80,"Height":24}</c>).</summary>
public readonly record struct TerminalSize(ushort Width, ushort Height);
