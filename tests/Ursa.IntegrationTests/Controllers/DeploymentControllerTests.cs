using System.Text.Json;
using System.Text.Json.Nodes;
using Ursa.Api.Apps;
using Ursa.Api.Core;
using Ursa.Api.Serialization;
using Ursa.Client.Rest;
using Ursa.Controllers.Deployments;
using Ursa.IntegrationTests.Infrastructure;

namespace Ursa.IntegrationTests.Controllers;

/// <summary>Deployments on hollow nodes, driven by a stock kubectl: rollout, template change, rollback.</summary>
public sealed class DeploymentControllerTests(HollowClusterFixture hollow) : IClassFixture<HollowClusterFixture>
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);
    private readonly string _ns = "deploy-" + Guid.NewGuid().ToString("N")[..6];

    [Fact]
    public async Task DeploymentOfVmPods_RollsOut_UpdatesAndRollsBack()
    {
        (await KubectlAsync(Manifests.Namespace(_ns), "create", "-f", "-")).EnsureSuccess("create namespace");
        (await KubectlAsync(VmManifest("ursa.local/guest/busybox:1"), "-n", _ns, "apply", "-f", "-")).EnsureSuccess("apply deployment");
        await RolloutStatusAsync();
        var first = await SingleActiveSetAsync(Vm("ursa.local/guest/busybox:1"), revision: "1");
        Assert.Equal($"vms-{first.Metadata.Labels![PodTemplates.HashLabel]}", first.Metadata.Name);
        await AllPodsRunAsync(p => p.Spec?.VirtualMachine?.Image == "ursa.local/guest/busybox:1");

        (await KubectlAsync(null, "-n", _ns, "patch", "deployment/vms", "--type=merge", "-p", """{"spec":{"template":{"spec":{"virtualMachine":{"image":"ursa.local/guest/busybox:2"}}}}}""")).EnsureSuccess("change the VM image");
        await RolloutStatusAsync();
        var second = await SingleActiveSetAsync(Vm("ursa.local/guest/busybox:2"), revision: "2");
        Assert.NotEqual(first.Metadata.Name, second.Metadata.Name);
        await AllPodsRunAsync(p => p.Spec?.VirtualMachine?.Image == "ursa.local/guest/busybox:2");

        // Stock kubectl cannot undo this one: its Go PodSpec has no virtualMachine, so both templates look equal to
        // it ("skipped rollback"). The rollback it would send is a JSON patch of the old ReplicaSet's template and
        // annotations; send exactly that with a client that knows VM pods.
        var skipped = (await KubectlAsync(null, "-n", _ns, "rollout", "undo", "deployment/vms")).EnsureSuccess("rollout undo");
        Assert.Contains("skipped rollback", skipped.Stdout);
        await UndoLikeKubectlAsync(first);
        await RolloutStatusAsync();
        var revived = await SingleActiveSetAsync(Vm("ursa.local/guest/busybox:1"), revision: "3");
        Assert.Equal(first.Metadata.Name, revived.Metadata.Name);
        await AllPodsRunAsync(p => p.Spec?.VirtualMachine?.Image == "ursa.local/guest/busybox:1");
    }

    [Fact]
    public async Task DeploymentOfContainerPods_KubectlRolloutUndo_RestoresTheOldTemplate()
    {
        (await KubectlAsync(Manifests.Namespace(_ns), "create", "-f", "-")).EnsureSuccess("create namespace");
        (await KubectlAsync(ContainerManifest(), "-n", _ns, "apply", "-f", "-")).EnsureSuccess("apply deployment");
        await RolloutStatusAsync();
        var first = await SingleActiveSetAsync(Image("ursa.local/busybox:1"), revision: "1");

        (await KubectlAsync(null, "-n", _ns, "set", "image", "deployment/vms", "main=ursa.local/busybox:2")).EnsureSuccess("set image");
        await RolloutStatusAsync();
        await SingleActiveSetAsync(Image("ursa.local/busybox:2"), revision: "2");
        await AllPodsRunAsync(p => p.Spec?.Containers?[0].Image == "ursa.local/busybox:2");

        var undo = (await KubectlAsync(null, "-n", _ns, "rollout", "undo", "deployment/vms")).EnsureSuccess("rollout undo");
        Assert.Contains("rolled back", undo.Stdout);
        await RolloutStatusAsync();
        var revived = await SingleActiveSetAsync(Image("ursa.local/busybox:1"), revision: "3");
        Assert.Equal(first.Metadata.Name, revived.Metadata.Name);
        await AllPodsRunAsync(p => p.Spec?.Containers?[0].Image == "ursa.local/busybox:1");

        var history = (await KubectlAsync(null, "-n", _ns, "rollout", "history", "deployment/vms")).EnsureSuccess("rollout history");
        Assert.Matches(@"(?m)^2\s", history.Stdout);
        Assert.Matches(@"(?m)^3\s", history.Stdout);
        Assert.DoesNotMatch(@"(?m)^1\s", history.Stdout);
    }

    private static Func<PodTemplateSpec, bool> Vm(string image) => t => t.Spec?.VirtualMachine?.Image == image;

    private static Func<PodTemplateSpec, bool> Image(string image) => t => t.Spec?.Containers?[0].Image == image;

    /// <summary>kubectl's rollback: replace the template with the ReplicaSet's (hash label removed) and the annotations with its own.</summary>
    private async Task UndoLikeKubectlAsync(ReplicaSet target)
    {
        var template = JsonSerializer.SerializeToNode(target.Spec!.Template, UrsaJsonContext.Default.PodTemplateSpec)!;
        template["metadata"]!["labels"]!.AsObject().Remove(PodTemplates.HashLabel);
        var annotations = new JsonObject();
        foreach (var (k, v) in target.Metadata.Annotations!.Where(a => a.Key == "deployment.kubernetes.io/revision" || !a.Key.StartsWith("deployment.kubernetes.io/", StringComparison.Ordinal)))
        {
            annotations[k] = v;
        }

        var current = await hollow.Client.GetAsync<Deployment>(ResourceRef.Deployments, null, _ns, "vms", CancellationToken.None);
        annotations["deployment.kubernetes.io/revision"] = current.Metadata.Annotations!["deployment.kubernetes.io/revision"];
        var patch = new JsonArray
        {
            new JsonObject { ["op"] = "replace", ["path"] = "/spec/template", ["value"] = template },
            new JsonObject { ["op"] = "replace", ["path"] = "/metadata/annotations", ["value"] = annotations },
        };
        await hollow.Client.PatchAsync<Deployment>(ResourceRef.Deployments, null, _ns, "vms", PatchType.Json, patch.ToJsonString(), null, CancellationToken.None);
    }

    private Task<CommandResult> KubectlAsync(string? stdin, params string[] args) =>
        hollow.Cluster.KubectlWithAsync(RepoPaths.Kubectl, stdin, args);

    private async Task RolloutStatusAsync()
    {
        var status = (await KubectlAsync(null, "-n", _ns, "rollout", "status", "deployment/vms", "--timeout=60s")).EnsureSuccess("rollout status");
        Assert.Contains("successfully rolled out", status.Stdout);
    }

    /// <summary>After a finished rollout: exactly one ReplicaSet has replicas, with this image and revision, and the Deployment says the same revision.</summary>
    private async Task<ReplicaSet> SingleActiveSetAsync(Func<PodTemplateSpec, bool> template, string revision)
    {
        var sets = (await hollow.Client.ListAsync<ReplicaSet>(ResourceRef.ReplicaSets, new ListOptions { Namespace = _ns }, CancellationToken.None)).Items;
        var active = Assert.Single(sets, s => s.Spec!.Replicas > 0);
        Assert.Equal(3, active.Spec!.Replicas);
        Assert.True(template(active.Spec.Template!), $"unexpected template in {active.Metadata.Name}");
        Assert.Equal(revision, active.Metadata.Annotations!["deployment.kubernetes.io/revision"]);
        Assert.Equal(active.Metadata.Labels![PodTemplates.HashLabel], active.Spec.Selector!.MatchLabels![PodTemplates.HashLabel]);
        var deployment = await hollow.Client.GetAsync<Deployment>(ResourceRef.Deployments, null, _ns, "vms", CancellationToken.None);
        Assert.Equal(revision, deployment.Metadata.Annotations!["deployment.kubernetes.io/revision"]);
        Assert.Equal((3, 3, 3, 3), (deployment.Status!.Replicas, deployment.Status.UpdatedReplicas, deployment.Status.ReadyReplicas, deployment.Status.AvailableReplicas));
        Assert.Contains(deployment.Status.Conditions!, c => c is { Type: "Available", Status: "True" });
        Assert.Contains(deployment.Status.Conditions!, c => c is { Type: "Progressing", Status: "True", Reason: "NewReplicaSetAvailable" });
        return active;
    }

    /// <summary>The three live pods are of the expected template, Running on the fixture's hollow nodes.</summary>
    private async Task AllPodsRunAsync(Func<Pod, bool> expected)
    {
        var pods = await Eventually.UntilAsync(
            async () => (await hollow.Client.ListAsync<Pod>(ResourceRef.Pods, new ListOptions { Namespace = _ns }, CancellationToken.None)).Items.Where(p => p.Metadata.DeletionTimestamp is null).ToList(),
            live => live.Count == 3 && live.All(p => p.Status?.Phase == "Running" && expected(p)),
            Deadline,
            live => $"3 Running pods of the new template (have {string.Join(", ", live.Select(p => $"{p.Metadata.Name}:{p.Status?.Phase}:{p.Spec?.VirtualMachine?.Image ?? p.Spec?.Containers?[0].Image}"))})");
        Assert.All(pods, p => Assert.StartsWith(hollow.Fleet, p.Spec!.NodeName));
    }

    private string ContainerManifest() => $$"""
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: vms
        spec:
          replicas: 3
          selector:
            matchLabels: {app: web}
          template:
            metadata:
              labels: {app: web}
            spec:
              nodeSelector: {fleet: {{hollow.Fleet}}}
              containers:
              - name: main
                image: ursa.local/busybox:1
                resources:
                  requests: {cpu: 100m, memory: 64Mi}
        """;

    private string VmManifest(string image) => $$"""
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: vms
        spec:
          replicas: 3
          selector:
            matchLabels: {app: vms}
          strategy:
            rollingUpdate: {maxSurge: 1, maxUnavailable: 1}
          template:
            metadata:
              labels: {app: vms}
            spec:
              nodeSelector: {fleet: {{hollow.Fleet}}}
              virtualMachine:
                name: vm
                image: {{image}}
                resources:
                  requests: {cpu: 100m, memory: 128Mi}
        """;
}
