using Ursa.ApiServer.Requests;

namespace Ursa.UnitTests.ApiServer.Requests;

public sealed class RequestInfoParserTests
{
    public static TheoryData<string, string, bool, string, string?, string?, string, string?, string?, RequestVerb> Cases => new()
    {
        // method, path, watch, group, tenant, namespace, resource, name, subresource, verb
        { "GET", "/api/v1/namespaces/default/pods", false, "", null, "default", "pods", null, null, RequestVerb.List },
        { "GET", "/api/v1/namespaces/default/pods", true, "", null, "default", "pods", null, null, RequestVerb.Watch },
        { "GET", "/api/v1/namespaces/default/pods/web", false, "", null, "default", "pods", "web", null, RequestVerb.Get },
        { "POST", "/api/v1/namespaces/default/pods/web/binding", false, "", null, "default", "pods", "web", "binding", RequestVerb.Create },
        { "PATCH", "/api/v1/namespaces/default/pods/web/status", false, "", null, "default", "pods", "web", "status", RequestVerb.Patch },
        { "GET", "/api/v1/pods", false, "", null, null, "pods", null, null, RequestVerb.List },
        { "GET", "/api/v1/namespaces/kube-system", false, "", null, null, "namespaces", "kube-system", null, RequestVerb.Get },
        { "PUT", "/api/v1/namespaces/team/finalize", false, "", null, null, "namespaces", "team", "finalize", RequestVerb.Update },
        { "GET", "/api/v1/tenants/acme/namespaces/default/pods", false, "", "acme", "default", "pods", null, null, RequestVerb.List },
        { "GET", "/api/v1/tenants/acme/namespaces", false, "", "acme", null, "namespaces", null, null, RequestVerb.List },
        { "GET", "/api/v1/tenants/acme", false, "", null, null, "tenants", "acme", null, RequestVerb.Get },
        { "PUT", "/api/v1/tenants/acme/status", false, "", null, null, "tenants", "acme", "status", RequestVerb.Update },
        { "DELETE", "/apis/apps/v1/tenants/acme/namespaces/ns1/deployments/d", false, "apps", "acme", "ns1", "deployments", "d", null, RequestVerb.Delete },
        { "DELETE", "/apis/apps/v1/namespaces/ns1/deployments", false, "apps", null, "ns1", "deployments", null, null, RequestVerb.DeleteCollection },
        { "GET", "/tenants/acme/api/v1/namespaces/default/pods", false, "", "acme", "default", "pods", null, null, RequestVerb.List },
        { "GET", "/api/v1/nodes/n1", false, "", null, null, "nodes", "n1", null, RequestVerb.Get },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Parse_ResourcePaths_YieldTheirParts(string method, string path, bool watch, string group, string? tenant, string? ns, string resource, string? name, string? subresource, RequestVerb verb)
    {
        var info = RequestInfoParser.Parse(method, path, watch);
        Assert.True(info.IsResourceRequest);
        Assert.Equal((group, tenant, ns, resource, name, subresource, verb), (info.Group, info.Tenant, info.Namespace, info.Resource, info.Name, info.Subresource, info.Verb));
    }

    [Theory]
    [InlineData("/version", "/version")]
    [InlineData("/api", "/api")]
    [InlineData("/apis/apps/v1", "/apis/apps/v1")]
    [InlineData("/openapi/v3/api/v1", "/openapi/v3/api/v1")]
    [InlineData("/tenants/acme/version", "/version")]
    public void Parse_NonResourcePaths_AreNotResourceRequests(string path, string stripped)
    {
        var info = RequestInfoParser.Parse("GET", path, false);
        Assert.False(info.IsResourceRequest);
        Assert.Equal(stripped, info.Path);
    }
}
