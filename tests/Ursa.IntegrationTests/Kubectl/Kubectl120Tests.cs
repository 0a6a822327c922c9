using Ursa.IntegrationTests.Infrastructure;

namespace Ursa.IntegrationTests.Kubectl;

/// <summary>
/// Debian's kubectl 1.20 speaks the older discovery (no aggregated discovery), OpenAPI v2-era validation and
/// patch forms. scripts/setup.sh --tests unpacks it into .tools/.
/// </summary>
[Collection(ControlPlaneCollection.Name)]
public sealed class Kubectl120Tests(ControlPlaneFixture cluster) : KubectlTestBase(cluster)
{
    private static string Binary
    {
        get
        {
            Assert.True(File.Exists(RepoPaths.Kubectl120), $"kubectl 1.20 is missing at {RepoPaths.Kubectl120}: run scripts/setup.sh --tests (the test command does)");
            return RepoPaths.Kubectl120;
        }
    }

    private Task<CommandResult> Old(string? stdin, params string[] args) => Cluster.KubectlWithAsync(Binary, stdin, ["-n", Ns, .. args]);

    [Fact]
    public async Task OldKubectl_VersionGetApplyPatchLabelDelete()
    {
        var version = (await Old(null, "version")).EnsureSuccess("version");
        Assert.Contains("v1.20", version.Stdout);
        Assert.Contains("v1.33.0-ursa", version.Stdout);

        (await Old(Manifests.ContainerPod("old-1", Ns), "apply", "-f", "-")).EnsureSuccess("apply (create)");
        var changed = Manifests.ContainerPod("old-1", Ns).Replace("value: hello", "value: hi", StringComparison.Ordinal);
        (await Old(changed, "apply", "-f", "-")).EnsureSuccess("apply (update)");
        (await Old(null, "patch", "pod", "old-1", "-p", """{"metadata":{"labels":{"patched":"true"}}}""")).EnsureSuccess("patch");
        (await Old(null, "label", "pod", "old-1", "tier=old")).EnsureSuccess("label");

        var table = (await Old(null, "get", "pods")).EnsureSuccess("get");
        Assert.Matches(@"old-1\s+0/1\s+Pending", table.Stdout);
        var values = (await Old(null, "get", "pod", "old-1", "-o", "jsonpath={.spec.containers[0].env[0].value} {.metadata.labels.patched} {.metadata.labels.tier}")).EnsureSuccess("get jsonpath");
        Assert.Equal("hi true old", values.Stdout);

        (await Old(null, "delete", "pod", "old-1")).EnsureSuccess("delete");
        var after = await Old(null, "get", "pod", "old-1");
        Assert.Contains("NotFound", after.Stderr);
    }

    [Fact]
    public async Task OldKubectl_ValidatesAndExplainsFromOpenApiV2Protobuf()
    {
        var explain = (await Old(null, "explain", "pod.spec.virtualMachine")).EnsureSuccess("explain");
        Assert.Contains("powerSpec", explain.Stdout);

        var bad = Manifests.ContainerPod("old-bad", Ns).Replace("    command:", "    colour: blue\n    command:", StringComparison.Ordinal);
        var rejected = await Old(bad, "create", "-f", "-");
        Assert.NotEqual(0, rejected.ExitCode);
        Assert.Contains("unknown field \"colour\"", rejected.Stderr);
    }

    [Fact]
    public async Task Kubectl127_ExplainsAndAppliesWithServerSideValidation()
    {
        const string kubectl127 = "/usr/lib/google-cloud-sdk/bin/kubectl.1.27";
        Assert.True(File.Exists(kubectl127), $"{kubectl127} is part of this machine image's kubectl package; it is missing");
        var explain = (await Cluster.KubectlWithAsync(kubectl127, null, "explain", "pod.spec.virtualMachine.powerSpec")).EnsureSuccess("explain 1.27");
        Assert.Contains("Running, Paused or Shutdown", explain.Stdout);
        (await Cluster.KubectlWithAsync(kubectl127, Manifests.ContainerPod("k127", Ns), "-n", Ns, "apply", "-f", "-")).EnsureSuccess("apply 1.27");
        var bad = Manifests.ContainerPod("k127-bad", Ns).Replace("    command:", "    colour: blue\n    command:", StringComparison.Ordinal);
        var rejected = await Cluster.KubectlWithAsync(kubectl127, bad, "-n", Ns, "apply", "-f", "-");
        Assert.NotEqual(0, rejected.ExitCode);
        Assert.Contains("colour", rejected.Stderr);
    }
}
