using Ursa.Controllers.Deployments;
using static Ursa.UnitTests.Controllers.ControllerObjects;

namespace Ursa.UnitTests.Controllers.Deployments;

public sealed class PodTemplatesTests
{
    [Fact]
    public void Hash_IsStable_SafeAlphabet_AndChangesWithTemplateOrCollisions()
    {
        var a = PodTemplates.Hash(Template("nginx:1"), null);
        Assert.Equal(a, PodTemplates.Hash(Template("nginx:1"), null));
        Assert.Matches("^[bcdfghjklmnpqrstvwxz2456789]{1,10}$", a);
        Assert.NotEqual(a, PodTemplates.Hash(Template("nginx:2"), null));
        Assert.NotEqual(a, PodTemplates.Hash(Template("nginx:1"), 1));
    }

    [Fact]
    public void Hash_IgnoresLabelOrderAndTheHashLabel()
    {
        var one = Template("nginx:1");
        one.Metadata!.Labels = new() { ["a"] = "1", ["b"] = "2" };
        var two = Template("nginx:1");
        two.Metadata!.Labels = new() { ["b"] = "2", ["a"] = "1", [PodTemplates.HashLabel] = "xyz" };

        Assert.Equal(PodTemplates.Hash(one, null), PodTemplates.Hash(two, null));
        Assert.True(PodTemplates.EqualIgnoreHash(one, two));
        Assert.False(PodTemplates.EqualIgnoreHash(one, Template("nginx:2")));
    }

    [Fact]
    public void Clone_SharesNothing()
    {
        var original = Template("nginx:1");
        var copy = PodTemplates.Clone(original);
        copy.Metadata!.Labels!["x"] = "y";
        Assert.False(original.Metadata!.Labels!.ContainsKey("x"));
    }
}
