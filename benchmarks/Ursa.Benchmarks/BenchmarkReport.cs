using System.Globalization;

namespace Ursa.Benchmarks;

/// <summary>Prints figures as <c>RESULT &lt;metric&gt; &lt;value&gt; &lt;unit&gt;</c> lines, the format tools parse.</summary>
public sealed class BenchmarkReport(TextWriter output)
{
    public void Result(string metric, double value, string unit) =>
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"RESULT {metric} {value:0.###} {unit}"));

    public void Note(string text) => output.WriteLine("# " + text);
}
