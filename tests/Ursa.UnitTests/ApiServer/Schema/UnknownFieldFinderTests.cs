using System.Text.Json.Nodes;
using Ursa.Api.Core;
using Ursa.ApiServer.Schema;

namespace Ursa.UnitTests.ApiServer.Schema;

public sealed class UnknownFieldFinderTests
{
    [Fact]
    public void Find_ReportsEveryUndeclaredFieldWithItsPath()
    {
        var pod = JsonNode.Parse("""
            {"apiVersion":"v1","kind":"Pod","metadata":{"name":"a","labels":{"any":"ok"},"colour":"x"},
             "spec":{"containers":[{"name":"c","image":"i","resources":{"limits":{"cpu":"1"}},"bogus":1}],"virtualMachine":null,"extra":{}}}
            """);
        Assert.Equal(["metadata.colour", "spec.containers[0].bogus", "spec.extra"], UnknownFieldFinder.Find(pod, TypeSchema.For(typeof(Pod))));
    }

    [Fact]
    public void Find_KnownFieldsOnly_ReportsNothing()
    {
        var pod = JsonNode.Parse("""{"metadata":{"name":"a"},"spec":{"virtualMachine":{"name":"v","image":"i","powerSpec":"Paused"},"nics":[{"name":"n1"}]}}""");
        Assert.Empty(UnknownFieldFinder.Find(pod, TypeSchema.For(typeof(Pod))));
    }
}
