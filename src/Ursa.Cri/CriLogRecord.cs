namespace Ursa.Cri;

/// <summary>One line of a CRI container log file: <c>2026-11-21T08:50:01.123456789Z stdout F hello</c>.</summary>
/// <param name="Time">When the runtime read the output (nanoseconds in the file; kept to .NET's 100 ns).</param>
/// <param name="Stream">stdout or stderr.</param>
/// <param name="Partial">
/// True for a <c>P</c> record: the runtime split a long line (containerd: at 16 KiB) and the next record of the same
/// stream continues it; false for <c>F</c>, the end of a line.
/// </param>
/// <param name="Text">The output, without the line's newline.</param>
public readonly record struct CriLogRecord(DateTimeOffset Time, CriLogStream Stream, bool Partial, string Text);
