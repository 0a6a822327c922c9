using System.Text;
using System.Text.Json;
using Ursa.Api.Core;
using Ursa.ApiServer.Schema;

namespace Ursa.UnitTests.ApiServer.Schema;

public sealed class UnknownFieldScannerTests
{
    private static readonly TypeSchema PodSchema = TypeSchema.For(typeof(Pod));

    [Theory]
    [InlineData("""{"apiVersion":"v1","kind":"Pod","metadata":{"name":"a","labels":{"any":"ok"},"colour":"x"},"spec":{"containers":[{"name":"c","image":"i","resources":{"limits":{"cpu":"1"}},"bogus":1}],"virtualMachine":null,"extra":{}}}""")]
    [InlineData("""{"metadata":{"name":"a"},"spec":{"virtualMachine":{"name":"v","image":"i","powerSpec":"Paused"},"nics":[{"name":"n1"}]}}""")]
    [InlineData("""{"spec":{"containers":[{"name":"a"},{"name":"b","x":{"deep":[1,2]}},{"name":"c","ports":[{"containerPort":1,"bad":true}]}]},"status":{"conditions":[{"type":"Ready","nope":1}]}}""")]
    [InlineData("""{"sp\u0065c":{"containers":[{"n\u0061me":"a","\u00e9t\u00e9":1}]},"top":[{"a":1}],"metadata":{"annotations":{"k":"v","\u00fc":"w"},"labels":"not an object"}}""")]
    [InlineData("""{"":{"x":1},"metadata":[],"spec":{"containers":{"name":"not an array"}}}""")]
    public void TryScan_FindsWhatADocumentWalkFinds(string body)
    {
        using var document = JsonDocument.Parse(body);
        var expected = UnknownFieldOracle.Find(document.RootElement, PodSchema);

        Assert.True(UnknownFieldScanner.TryScan(Encoding.UTF8.GetBytes(body), PodSchema, 100, out _, out _, out var unknown));
        Assert.Equal(expected, unknown);
    }

    [Fact]
    public void TryScan_ReportsEveryUndeclaredFieldWithItsPath()
    {
        var body = """
            {"apiVersion":"v1","kind":"Pod","metadata":{"name":"a","labels":{"any":"ok"},"colour":"x"},
             "spec":{"containers":[{"name":"c","image":"i","resources":{"limits":{"cpu":"1"}},"bogus":1}],"virtualMachine":null,"extra":{}}}
            """u8;
        Assert.True(UnknownFieldScanner.TryScan(body, PodSchema, 100, out _, out _, out var unknown));
        Assert.Equal(["metadata.colour", "spec.containers[0].bogus", "spec.extra"], unknown);
    }

    [Fact]
    public void TryScan_KnownFieldsOnly_ReportsNothing()
    {
        var body = """{"metadata":{"name":"a"},"spec":{"virtualMachine":{"name":"v","image":"i","powerSpec":"Paused"},"nics":[{"name":"n1"}]}}"""u8;
        Assert.True(UnknownFieldScanner.TryScan(body, PodSchema, 100, out _, out _, out var unknown));
        Assert.Empty(unknown);
    }

    [Fact]
    public void TryScan_ReportsTheLastStringApiVersionAndKind()
    {
        Assert.True(UnknownFieldScanner.TryScan("""{"apiVersion":"v2","kind":"Pod","apiVersion":"v1","kind":7}"""u8, PodSchema, 100, out var apiVersion, out var kind, out _));
        Assert.Equal("v1", apiVersion);
        Assert.Null(kind);
    }

    [Theory]
    [InlineData("[1,2]")]
    [InlineData("\"pod\"")]
    [InlineData("""{"metadata":""")]
    [InlineData("""{"metadata":{}} {}""")]
    [InlineData("""{"metadata":{},}""")]
    public void TryScan_NotOneValidObject_LeavesItToTheDocumentPath(string body) =>
        Assert.False(UnknownFieldScanner.TryScan(Encoding.UTF8.GetBytes(body), PodSchema, 100, out _, out _, out _));

    [Fact]
    public void TryScan_DeeperThanMaxDepth_LeavesItToTheDocumentPath()
    {
        var body = new string('[', 10) + new string(']', 10);
        Assert.False(UnknownFieldScanner.TryScan(Encoding.UTF8.GetBytes($$"""{"a":{{body}}}"""), null, 5, out _, out _, out _));
    }

    [Fact]
    public void TryScan_WithoutSchema_ChecksSyntaxOnly()
    {
        Assert.True(UnknownFieldScanner.TryScan("""{"anything":{"goes":[1]}}"""u8, null, 100, out _, out _, out var unknown));
        Assert.Empty(unknown);
    }
}
