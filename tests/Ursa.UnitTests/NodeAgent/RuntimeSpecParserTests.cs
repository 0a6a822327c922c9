using Ursa.NodeAgent.Runtimes;

namespace Ursa.UnitTests.NodeAgent;

public sealed class RuntimeSpecParserTests
{
    [Fact]
    public void Parse_TwoRuntimes_PrimaryNamed()
    {
        var specs = RuntimeSpecParser.Parse("containerd,container,unix:///run/c.sock;qemu,vm,unix:///run/vm.sock", "qemu");

        Assert.Equal(
            [new RuntimeEndpointSpec("containerd", WorkloadType.Container, "unix:///run/c.sock", false), new RuntimeEndpointSpec("qemu", WorkloadType.Vm, "unix:///run/vm.sock", true)],
            specs);
    }

    [Theory]
    [InlineData("containerd,container,unix:///a", null, "containerd")]
    [InlineData("vmrt,vm,unix:///b;containerd,container,unix:///a", null, "containerd")]
    [InlineData(" vmrt , vm , unix:///b ; ", null, "vmrt")]
    public void Parse_NoPrimaryGiven_DefaultsToOnlyOrContainerRuntime(string runtimes, string? primary, string expected)
    {
        var specs = RuntimeSpecParser.Parse(runtimes, primary);

        Assert.Equal(expected, Assert.Single(specs, s => s.IsPrimary).Name);
    }

    [Theory]
    [InlineData("", null, "no runtimes")]
    [InlineData("containerd,container", null, "must be 'name,workloadType,endpoint'")]
    [InlineData("a,docker,unix:///x", null, "workloadType must be 'container' or 'vm'")]
    [InlineData("a,container,unix:///x;a,vm,unix:///y", null, "appears twice")]
    [InlineData("a,container,unix:///x;b,container,unix:///y", null, "already served by 'a'")]
    [InlineData("a,container,unix:///x", "b", "primary runtime 'b' is not in the runtime list")]
    public void Parse_BadInput_ThrowsNamingTheProblem(string runtimes, string? primary, string message)
    {
        var error = Assert.Throws<FormatException>(() => RuntimeSpecParser.Parse(runtimes, primary));

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }
}
