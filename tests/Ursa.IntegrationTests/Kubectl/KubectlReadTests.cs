using System.Text.Json;
using Ursa.IntegrationTests.Infrastructure;

namespace Ursa.IntegrationTests.Kubectl;

/// <summary>kubectl's read commands against a real server: version, discovery, get in every output, explain, raw.</summary>
[Collection(ControlPlaneCollection.Name)]
public class KubectlReadTests(ControlPlaneFixture cluster) : KubectlTestBase(cluster)
{
    [Fact]
    public async Task Version_ReportsUrsaServer()
    {
        var result = (await Kubectl("version")).EnsureSuccess("kubectl version");
        Assert.Contains("Server Version: v1.33.0-ursa", result.Stdout);
    }

    [Fact]
    public async Task ApiResources_ListsEveryKindWithShortNames()
    {
        var result = (await Kubectl("api-resources")).EnsureSuccess("kubectl api-resources");
        foreach (var expected in new[] { "pods", "po", "tenants", "namespaces", "nodes", "events", "actions", "leases", "replicasets", "deployments", "jobs" })
        {
            Assert.Contains(expected, result.Stdout);
        }

        Assert.Matches(@"deployments\s+deploy\s+apps/v1\s+true\s+Deployment", result.Stdout);
    }

    [Fact]
    public async Task ApiVersions_ListsCoreAndGroups()
    {
        var result = (await Kubectl("api-versions")).EnsureSuccess("kubectl api-versions");
        var versions = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(["apps/v1", "batch/v1", "coordination.k8s.io/v1", "v1"], versions.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Get_ShowsTableColumnsAndEveryOutputFormat()
    {
        (await CreateAsync(Manifests.ContainerPod("web-1", Ns))).EnsureSuccess("create pod");
        (await CreateAsync(Manifests.VmPod("vm-1", Ns))).EnsureSuccess("create vm pod");

        var table = (await KubectlIn("get", "pods")).EnsureSuccess("get pods");
        Assert.Matches(@"NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE", table.Stdout);
        Assert.Matches(@"web-1\s+0/1\s+Pending\s+0", table.Stdout);

        var wide = (await KubectlIn("get", "pods", "-o", "wide")).EnsureSuccess("get -o wide");
        Assert.Matches(@"IP\s+NODE\s+NOMINATED NODE\s+READINESS GATES\s+WORKLOAD", wide.Stdout);
        Assert.Matches(@"vm-1\s.*\svm\s*$", wide.Stdout.Split('\n').First(l => l.StartsWith("vm-1", StringComparison.Ordinal)));

        var json = (await KubectlIn("get", "pod", "web-1", "-o", "json")).EnsureSuccess("get -o json");
        using var doc = JsonDocument.Parse(json.Stdout);
        Assert.Equal("Pod", doc.RootElement.GetProperty("kind").GetString());
        Assert.Equal("system", doc.RootElement.GetProperty("metadata").GetProperty("tenant").GetString());
        Assert.True(doc.RootElement.GetProperty("metadata").GetProperty("hashKey").GetInt64() > 0);

        var yaml = (await KubectlIn("get", "pod", "vm-1", "-o", "yaml")).EnsureSuccess("get -o yaml");
        Assert.Contains("virtualMachine:", yaml.Stdout);
        Assert.Contains("powerSpec: Running", yaml.Stdout);

        var names = (await KubectlIn("get", "pods", "-o", "name")).EnsureSuccess("get -o name");
        Assert.Equal(["pod/vm-1", "pod/web-1"], names.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Get_FiltersBySelectorsAndSortsAcrossNamespaces()
    {
        (await CreateAsync(Manifests.ContainerPod("b-pod", Ns, "app: api"))).EnsureSuccess("create b");
        (await CreateAsync(Manifests.ContainerPod("a-pod", Ns, "app: web"))).EnsureSuccess("create a");

        var byLabel = (await KubectlIn("get", "pods", "-l", "app=api", "-o", "name")).EnsureSuccess("get -l");
        Assert.Equal("pod/b-pod", byLabel.Stdout.Trim());

        var setBased = (await KubectlIn("get", "pods", "-l", "app in (web,other)", "-o", "name")).EnsureSuccess("get -l set");
        Assert.Equal("pod/a-pod", setBased.Stdout.Trim());

        var byField = (await KubectlIn("get", "pods", "--field-selector", "metadata.name=b-pod", "-o", "name")).EnsureSuccess("get --field-selector");
        Assert.Equal("pod/b-pod", byField.Stdout.Trim());

        var sorted = (await KubectlIn("get", "pods", "--sort-by=.metadata.name", "--no-headers")).EnsureSuccess("get --sort-by");
        Assert.StartsWith("a-pod", sorted.Stdout);

        var all = (await Kubectl("get", "pods", "-A")).EnsureSuccess("get -A");
        Assert.Matches($@"{Ns}\s+a-pod", all.Stdout);

        var badField = await KubectlIn("get", "pods", "--field-selector", "spec.nope=x");
        Assert.NotEqual(0, badField.ExitCode);
        Assert.Contains("field label not supported: spec.nope", badField.Stderr);
    }

    [Fact]
    public async Task Explain_ShowsVirtualMachineFieldsWithDescriptions()
    {
        var result = (await Kubectl("explain", "pod.spec.virtualMachine")).EnsureSuccess("explain");
        Assert.Contains("powerSpec", result.Stdout);
        Assert.Contains("Running, Paused or Shutdown", result.Stdout);
    }

    [Fact]
    public async Task GetRaw_ReturnsTheObjectJson()
    {
        (await CreateAsync(Manifests.ContainerPod("raw-1", Ns))).EnsureSuccess("create");
        var result = (await Kubectl("get", "--raw", $"/api/v1/namespaces/{Ns}/pods/raw-1")).EnsureSuccess("get --raw");
        using var doc = JsonDocument.Parse(result.Stdout);
        Assert.Equal("raw-1", doc.RootElement.GetProperty("metadata").GetProperty("name").GetString());

        var tenantPath = (await Kubectl("get", "--raw", $"/api/v1/tenants/system/namespaces/{Ns}/pods")).EnsureSuccess("get --raw tenant path");
        Assert.Contains("raw-1", tenantPath.Stdout);
    }
}
