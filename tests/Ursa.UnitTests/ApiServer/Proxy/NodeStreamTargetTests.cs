using Ursa.Api.Core;
using Ursa.Api.Meta;
using Ursa.ApiServer.Errors;
using Ursa.ApiServer.Proxy;

namespace Ursa.UnitTests.ApiServer.Proxy;

public sealed class NodeStreamTargetTests
{
    [Theory]
    [InlineData("InternalIP=10.0.0.5,Hostname=n1", 10250, "https://10.0.0.5:10250/")]
    [InlineData("Hostname=n1,ExternalIP=1.2.3.4,InternalIP=10.0.0.5", 0, "https://10.0.0.5:10250/")]
    [InlineData("Hostname=n1,ExternalIP=1.2.3.4", 12345, "https://1.2.3.4:12345/")]
    [InlineData("Hostname=node-1.example", null, "https://node-1.example:10250/")]
    [InlineData("InternalIP=fd00::5", 10250, "https://[fd00::5]:10250/")]
    public void EndpointOf_PrefersInternalIp_AndDefaultsThePort(string addresses, int? port, string expected)
    {
        var node = new Node
        {
            Metadata = new ObjectMeta { Name = "n1" },
            Status = new NodeStatus
            {
                Addresses = [.. addresses.Split(',').Select(a => a.Split('=')).Select(a => new NodeAddress { Type = a[0], Address = a[1] })],
                DaemonEndpoints = new NodeDaemonEndpoints { KubeletEndpoint = new DaemonEndpoint { Port = port } },
            },
        };

        Assert.Equal(new Uri(expected), NodeStreamTarget.EndpointOf(node));
    }

    [Fact]
    public void EndpointOf_NoAddress_Is503NamingTheNode()
    {
        var error = Assert.Throws<ApiException>(() => NodeStreamTarget.EndpointOf(new Node { Metadata = new ObjectMeta { Name = "n1" } }));

        Assert.Equal(System.Net.HttpStatusCode.ServiceUnavailable, error.Code);
        Assert.Contains("node \"n1\" has no address", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Url_EscapesEachSegment_AndKeepsTheQuery()
    {
        var target = new NodeStreamTarget("n1", new Uri("https://10.0.0.5:10250"), "acme", "default", "web 1", "main");

        Assert.Equal("wss://10.0.0.5:10250/exec/acme/default/web%201/main?command=sh&stdin=true", target.Url("exec", "?command=sh&stdin=true", webSocket: true).AbsoluteUri);
        Assert.Equal("https://10.0.0.5:10250/containerLogs/acme/default/web%201/main", target.Url("containerLogs", string.Empty).AbsoluteUri);
    }
}
