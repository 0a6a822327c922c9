namespace Ursa.NodeAgent.Streaming;

/// <summary>The streams of an exec or attach session (query flags <c>stdin</c>, <c>stdout</c>, <c>stderr</c>, <c>tty</c>).</summary>
/// <param name="Stdin">The client sends input.</param>
/// <param name="Stdout">The client reads standard output.</param>
/// <param name="Stderr">The client reads standard error (never with a terminal: a TTY merges it into stdout).</param>
/// <param name="Tty">Allocate a terminal; resize events arrive on <see cref="IExecSession.Resizes"/>.</param>
public sealed record StreamSelection(bool Stdin, bool Stdout, bool Stderr, bool Tty);
