using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Ursa.IntegrationTests.Infrastructure;

namespace Ursa.IntegrationTests.Kubectl;

/// <summary>kubectl's write commands: create, apply, patch (three kinds), edit, label, annotate, delete, wait.</summary>
[Collection(ControlPlaneCollection.Name)]
public class KubectlWriteTests(ControlPlaneFixture cluster) : KubectlTestBase(cluster)
{
    [Fact]
    public async Task Apply_CreatesThenUpdatesAndKeepsLastApplied()
    {
        (await ApplyAsync(Manifests.ContainerPod("app-1", Ns))).EnsureSuccess("first apply");
        var changed = Manifests.ContainerPod("app-1", Ns).Replace("value: hello", "value: bonjour", StringComparison.Ordinal);
        var second = (await ApplyAsync(changed)).EnsureSuccess("second apply");
        Assert.Contains("pod/app-1 configured", second.Stdout);

        var env = (await KubectlIn("get", "pod", "app-1", "-o", "jsonpath={.spec.containers[0].env[0].value}")).EnsureSuccess("get env");
        Assert.Equal("bonjour", env.Stdout);
        var annotations = (await KubectlIn("get", "pod", "app-1", "-o", "jsonpath={.metadata.annotations}")).EnsureSuccess("get annotations");
        Assert.Contains("kubectl.kubernetes.io/last-applied-configuration", annotations.Stdout);
    }

    [Fact]
    public async Task Apply_UnknownFieldIsRejectedByStrictValidation()
    {
        var manifest = Manifests.ContainerPod("strict-1", Ns).Replace("    command:", "    colour: blue\n    command:", StringComparison.Ordinal);
        var result = await ApplyAsync(manifest);
        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("unknown field \"spec.containers[0].colour\"", result.Stderr);
        var get = await KubectlIn("get", "pod", "strict-1");
        Assert.Contains("NotFound", get.Stderr);
    }

    [Fact]
    public async Task Create_PodWithContainersAndVm_IsInvalidNamingTheField()
    {
        var both = Manifests.VmPod("both-1", Ns).Replace("spec:\n", "spec:\n  containers: [{name: c, image: busybox}]\n", StringComparison.Ordinal);
        var result = await CreateAsync(both);
        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("spec.virtualMachine", result.Stderr);
        Assert.Contains("is invalid", result.Stderr);
    }

    [Fact]
    public async Task Patch_StrategicMergeAndJsonPatch_Apply()
    {
        (await CreateAsync(Manifests.ContainerPod("patch-1", Ns))).EnsureSuccess("create");
        (await KubectlIn("patch", "pod", "patch-1", "-p", """{"spec":{"containers":[{"name":"main","env":[{"name":"EXTRA","value":"1"}]}]}}""")).EnsureSuccess("strategic patch");
        var env = (await KubectlIn("get", "pod", "patch-1", "-o", "jsonpath={.spec.containers[0].env[*].name}")).EnsureSuccess("get env");
        Assert.Equal("EXTRA GREETING", env.Stdout);

        (await KubectlIn("patch", "pod", "patch-1", "--type=merge", "-p", """{"metadata":{"labels":{"merged":"yes"}}}""")).EnsureSuccess("merge patch");
        (await KubectlIn("patch", "pod", "patch-1", "--type=json", "-p", """[{"op":"replace","path":"/spec/containers/0/image","value":"ursa.local/busybox:2"}]""")).EnsureSuccess("json patch");
        var result = (await KubectlIn("get", "pod", "patch-1", "-o", "jsonpath={.metadata.labels.merged} {.spec.containers[0].image} {.metadata.generation}")).EnsureSuccess("get");
        Assert.Equal("yes ursa.local/busybox:2 3", result.Stdout);

        var bad = await KubectlIn("patch", "pod", "patch-1", "--type=json", "-p", """[{"op":"remove","path":"/spec/nope"}]""");
        Assert.NotEqual(0, bad.ExitCode);
    }

    [Fact]
    public async Task Edit_WithAnEditorCommand_UpdatesTheObject()
    {
        (await CreateAsync(Manifests.ContainerPod("edit-1", Ns))).EnsureSuccess("create");
        var editor = Path.Combine(Path.GetTempPath(), $"ursa-editor-{Guid.NewGuid():N}.sh");
        await File.WriteAllTextAsync(editor, "#!/bin/sh\nsed -i 's/value: hello/value: edited/' \"$1\"\n");
        File.SetUnixFileMode(editor, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        try
        {
            var result = await ProcessRunner.RunAsync(RepoPaths.Kubectl, ["--kubeconfig", Cluster.KubeconfigPath, "-n", Ns, "edit", "pod", "edit-1"],
                environment: new Dictionary<string, string> { ["KUBE_EDITOR"] = editor });
            result.EnsureSuccess("kubectl edit");
            var value = (await KubectlIn("get", "pod", "edit-1", "-o", "jsonpath={.spec.containers[0].env[0].value}")).EnsureSuccess("get");
            Assert.Equal("edited", value.Stdout);
        }
        finally
        {
            File.Delete(editor);
        }
    }

    [Fact]
    public async Task LabelAndAnnotate_AddAndRemove()
    {
        (await CreateAsync(Manifests.ContainerPod("meta-1", Ns))).EnsureSuccess("create");
        (await KubectlIn("label", "pod", "meta-1", "tier=front")).EnsureSuccess("label");
        (await KubectlIn("annotate", "pod", "meta-1", "owner=team-a")).EnsureSuccess("annotate");
        (await KubectlIn("label", "pod", "meta-1", "app-")).EnsureSuccess("remove label");
        var labels = (await KubectlIn("get", "pod", "meta-1", "-o", "jsonpath={.metadata.labels}")).EnsureSuccess("get labels");
        Assert.Equal("""{"tier":"front"}""", labels.Stdout);
        var annotation = (await KubectlIn("get", "pod", "meta-1", "-o", "jsonpath={.metadata.annotations.owner}")).EnsureSuccess("get annotation");
        Assert.Equal("team-a", annotation.Stdout);

        var conflict = await KubectlIn("label", "pod", "meta-1", "tier=back");
        Assert.NotEqual(0, conflict.ExitCode);
        Assert.Contains("already has a value", conflict.Stderr);
    }

    [Fact]
    public async Task Delete_BySelectorWithWait_RemovesOnlyMatches()
    {
        (await CreateAsync(Manifests.ContainerPod("del-a", Ns, "group: x"))).EnsureSuccess("create a");
        (await CreateAsync(Manifests.ContainerPod("del-b", Ns, "group: x"))).EnsureSuccess("create b");
        (await CreateAsync(Manifests.ContainerPod("keep", Ns, "group: other"))).EnsureSuccess("create keep");
        var result = (await KubectlIn("delete", "pods", "-l", "group=x", "--wait")).EnsureSuccess("delete -l");
        Assert.Contains("pod \"del-a\" deleted", result.Stdout);
        var left = (await KubectlIn("get", "pods", "-o", "name")).EnsureSuccess("get");
        Assert.Equal("pod/keep", left.Stdout.Trim());
    }

    [Fact]
    public async Task Wait_ForConditionAndForDelete()
    {
        (await CreateAsync(Manifests.ContainerPod("wait-1", Ns))).EnsureSuccess("create");
        var waiting = KubectlIn("wait", "--for=condition=PodScheduled", "pod/wait-1", "--timeout=20s");
        using var client = Cluster.CreateClient();
        var binding = new StringContent("""{"apiVersion":"v1","kind":"Binding","metadata":{"name":"wait-1"},"target":{"kind":"Node","name":"node-a"}}""", Encoding.UTF8, "application/json");
        (await client.PostAsync($"/api/v1/namespaces/{Ns}/pods/wait-1/binding", binding)).EnsureSuccessStatusCode();
        var result = (await waiting).EnsureSuccess("wait --for=condition");
        Assert.Contains("condition met", result.Stdout);

        var node = (await KubectlIn("get", "pod", "wait-1", "-o", "jsonpath={.spec.nodeName}")).EnsureSuccess("get node");
        Assert.Equal("node-a", node.Stdout);

        // A bound pod stops gracefully: delete marks it; the node agent (or a zero grace) removes it.
        (await KubectlIn("delete", "pod", "wait-1", "--wait=false")).EnsureSuccess("delete");
        var marked = (await KubectlIn("get", "pod", "wait-1", "-o", "jsonpath={.metadata.deletionTimestamp}")).EnsureSuccess("get marked");
        Assert.NotEmpty(marked.Stdout);
        var waitDelete = KubectlIn("wait", "--for=delete", "pod/wait-1", "--timeout=20s");
        (await KubectlIn("delete", "pod", "wait-1", "--grace-period=0", "--force")).EnsureSuccess("force delete");
        (await waitDelete).EnsureSuccess("wait --for=delete");
    }

    [Fact]
    public async Task Describe_ShowsTheObjectsEvents()
    {
        (await CreateAsync(Manifests.ContainerPod("desc-1", Ns))).EnsureSuccess("create");
        using var client = Cluster.CreateClient();
        var pod = await client.GetFromJsonAsync<JsonElement>($"/api/v1/namespaces/{Ns}/pods/desc-1");
        var uid = pod.GetProperty("metadata").GetProperty("uid").GetString();
        var ev = $$$"""
            {"apiVersion":"v1","kind":"Event","metadata":{"name":"desc-1.1"},
             "involvedObject":{"kind":"Pod","name":"desc-1","namespace":"{{{Ns}}}","uid":"{{{uid}}}","apiVersion":"v1"},
             "reason":"Scheduled","message":"assigned to node-a","type":"Normal","count":1,
             "firstTimestamp":"2026-11-21T00:00:00Z","lastTimestamp":"2026-11-21T00:00:00Z","source":{"component":"test"}}
            """;
        (await client.PostAsync($"/api/v1/namespaces/{Ns}/events", new StringContent(ev, Encoding.UTF8, "application/json"))).EnsureSuccessStatusCode();
        var result = (await KubectlIn("describe", "pod", "desc-1")).EnsureSuccess("describe");
        Assert.Contains("Name:         desc-1", result.Stdout);
        Assert.Matches(@"Normal\s+Scheduled\s+.*assigned to node-a", result.Stdout);
    }

    [Fact]
    public async Task DeleteNamespace_WithWait_RemovesItsContentsFirst()
    {
        (await CreateAsync(Manifests.ContainerPod("inside-1", Ns))).EnsureSuccess("create pod");
        (await CreateAsync(Manifests.VmPod("inside-2", Ns))).EnsureSuccess("create vm pod");
        var result = (await Kubectl("delete", "namespace", Ns, "--wait", "--timeout=60s")).EnsureSuccess("delete namespace");
        Assert.Contains($"namespace \"{Ns}\" deleted", result.Stdout);
        var pods = (await Kubectl("get", "pods", "-A", "-o", "name", "--field-selector", $"metadata.namespace={Ns}")).EnsureSuccess("list pods");
        Assert.Equal(string.Empty, pods.Stdout.Trim());
        var recreate = await CreateAsync(Manifests.ContainerPod("after", Ns));
        Assert.Contains("NotFound", recreate.Stderr);
    }

    [Fact]
    public async Task Scale_Deployment_ChangesReplicasThroughTheScaleSubresource()
    {
        var deployment = $$$"""
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: vms, namespace: {{{Ns}}}}
            spec:
              replicas: 1
              selector: {matchLabels: {app: vms}}
              template:
                metadata: {labels: {app: vms}}
                spec:
                  virtualMachine: {name: vm, image: ursa.local/guest/busybox:latest}
            """;
        (await ApplyAsync(deployment)).EnsureSuccess("apply deployment");
        (await KubectlIn("scale", "deployment", "vms", "--replicas=3")).EnsureSuccess("scale");
        var replicas = (await KubectlIn("get", "deployment", "vms", "-o", "jsonpath={.spec.replicas} {.metadata.generation}")).EnsureSuccess("get");
        Assert.Equal("3 2", replicas.Stdout);
        var table = (await KubectlIn("get", "deployments")).EnsureSuccess("get deployments");
        Assert.Matches(@"vms\s+0/3\s+0\s+0", table.Stdout);
    }

    [Fact]
    public async Task CreateGenerators_SendingProtobuf_CreateTheObjects()
    {
        var extra = Ns + "-x";
        (await Kubectl("create", "namespace", extra)).EnsureSuccess("create namespace");
        (await KubectlIn("create", "deployment", "gen", "--image=ursa.local/busybox:latest", "--replicas=2")).EnsureSuccess("create deployment");
        (await KubectlIn("create", "job", "once", "--image=ursa.local/busybox:latest")).EnsureSuccess("create job");

        var ns = (await Kubectl("get", "namespace", extra, "-o", "jsonpath={.status.phase}")).EnsureSuccess("get namespace");
        Assert.Equal("Active", ns.Stdout);
        var deployment = (await KubectlIn("get", "deployment", "gen", "-o", "jsonpath={.spec.replicas} {.spec.template.spec.containers[0].image} {.spec.selector.matchLabels.app}")).EnsureSuccess("get deployment");
        Assert.Equal("2 ursa.local/busybox:latest gen", deployment.Stdout);
        var job = (await KubectlIn("get", "job", "once", "-o", "jsonpath={.spec.template.spec.restartPolicy} {.spec.completions}")).EnsureSuccess("get job");
        Assert.Equal("Never 1", job.Stdout);
        (await Kubectl("delete", "namespace", extra)).EnsureSuccess("delete namespace");
    }
}
