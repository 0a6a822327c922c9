using System.Text;
using Ursa.ApiServer.Caching;
using Ursa.ApiServer.Resources;
using Ursa.ApiServer.Storage;

namespace Ursa.UnitTests.ApiServer.Caching;

public sealed class ObjectAttributesTests
{
    private static readonly ResourceDefinition Pods = ResourceCatalog.CreateDefault().Get(string.Empty, "pods");

    [Fact]
    public void ToCached_RepeatedValues_AreShared_PerPodValues_AreNot()
    {
        var attributes = new ObjectAttributes(Pods);
        var a = attributes.ToCached(Key("a"), Pod("a", "node-1", "10.0.0.1", "web"), 1);
        var b = attributes.ToCached(Key("b"), Pod("b", "node-1", "10.0.0.1", "web"), 2);

        var nodeName = Index("spec.nodeName");
        var podIp = Index("status.podIP");
        Assert.Equal("node-1", a.Fields[nodeName]);
        Assert.Same(a.Fields[nodeName], b.Fields[nodeName]);
        Assert.Same(a.Labels["app"], b.Labels["app"]);
        Assert.Equal("10.0.0.1", b.Fields[podIp]);
        Assert.NotSame(a.Fields[podIp], b.Fields[podIp]);
    }

    [Fact]
    public void ToCached_PastThePoolBound_StillReadsEveryValue_AndSharesPooledOnes()
    {
        var attributes = new ObjectAttributes(Pods);
        var first = attributes.ToCached(Key("p0"), Pod("p0", "node-1", "10.0.0.1", "v0"), 1);
        for (var i = 1; i <= 100_001; i++)
        {
            var cached = attributes.ToCached(Key($"p{i}"), Pod($"p{i}", "node-1", "10.0.0.1", $"v{i}"), i + 1);
            Assert.Equal($"v{i}", cached.Labels["app"]);
        }

        var last = attributes.ToCached(Key("q"), Pod("q", "node-1", "10.0.0.1", "unique-after-bound"), 200_000);
        Assert.Equal("unique-after-bound", last.Labels["app"]);
        Assert.Same(first.Fields[Index("spec.nodeName")], last.Fields[Index("spec.nodeName")]);
    }

    private static int Index(string field) => Pods.SelectableFields.ToList().IndexOf(field);

    private static string Key(string name) => StorageKeys.ObjectKey(Pods, "system", "default", name);

    private static byte[] Pod(string name, string node, string ip, string app) => Encoding.UTF8.GetBytes(
        $$$"""{"metadata":{"name":"{{{name}}}","namespace":"default","labels":{"app":"{{{app}}}"}},"spec":{"nodeName":"{{{node}}}"},"status":{"podIP":"{{{ip}}}"}}""");
}
