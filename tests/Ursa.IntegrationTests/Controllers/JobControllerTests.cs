using Ursa.Api.Batch;
using Ursa.Api.Core;
using Ursa.Client.Rest;
using Ursa.Controllers.Jobs;
using Ursa.IntegrationTests.Infrastructure;

namespace Ursa.IntegrationTests.Controllers;

/// <summary>Jobs of container pods on hollow nodes whose pods exit when their annotations say so.</summary>
public sealed class JobControllerTests(HollowClusterFixture hollow) : IClassFixture<HollowClusterFixture>
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);
    private readonly string _ns = "job-" + Guid.NewGuid().ToString("N")[..6];

    [Fact]
    public async Task JobOfContainerPods_Completes_WithLabelledPods()
    {
        await NamespaceAsync();
        (await KubectlAsync(Manifest("work", completions: 4, parallelism: 2, exitCode: 0, backoffLimit: 6), "-n", _ns, "apply", "-f", "-")).EnsureSuccess("create job");
        (await KubectlAsync(null, "-n", _ns, "wait", "--for=condition=complete", "job/work", "--timeout=60s")).EnsureSuccess("kubectl wait for Complete");

        var job = await hollow.Client.GetAsync<Job>(ResourceRef.Jobs, null, _ns, "work", CancellationToken.None);
        Assert.Equal((4, 0, 0), (job.Status!.Succeeded, job.Status.Failed ?? 0, job.Status.Active ?? 0));
        Assert.NotNull(job.Status.StartTime);
        Assert.NotNull(job.Status.CompletionTime);
        Assert.Contains(job.Status.Conditions!, c => c is { Type: "Complete", Status: "True" });

        var pods = (await hollow.Client.ListAsync<Pod>(ResourceRef.Pods, new ListOptions { Namespace = _ns, LabelSelector = "job-name=work" }, CancellationToken.None)).Items;
        Assert.Equal(4, pods.Count);
        Assert.All(pods, p =>
        {
            Assert.Equal("Succeeded", p.Status!.Phase);
            Assert.Equal(job.Metadata.Uid, p.Metadata.Labels!["controller-uid"]);
            Assert.Equal(job.Metadata.Uid, Assert.Single(p.Metadata.OwnerReferences!).Uid);
            Assert.StartsWith(hollow.Fleet, p.Spec!.NodeName);
        });

        var table = (await KubectlAsync(null, "-n", _ns, "get", "job", "work")).EnsureSuccess("get job");
        Assert.Contains("4/4", table.Stdout);
    }

    [Fact]
    public async Task JobWhosePodsFail_HitsBackoffLimit_AndIsFailed()
    {
        await NamespaceAsync();
        (await KubectlAsync(Manifest("doomed", completions: 1, parallelism: 1, exitCode: 3, backoffLimit: 2), "-n", _ns, "apply", "-f", "-")).EnsureSuccess("create job");
        var job = await Eventually.UntilAsync(
            () => hollow.Client.GetAsync<Job>(ResourceRef.Jobs, null, _ns, "doomed", CancellationToken.None),
            j => j.Status?.Conditions?.Any(c => c.Type == "Failed" && c.Status == "True") == true,
            Deadline + JobBackoff.Delay(1) + JobBackoff.Delay(2), // the two replacements wait out the back-off (10 s, 20 s)
            j => $"the Job Failed (status: active {j.Status?.Active}, failed {j.Status?.Failed})");

        // backoffLimit 2: the third failure ends it, and no pod runs after that.
        Assert.Equal(3, job.Status!.Failed);
        Assert.Equal("BackoffLimitExceeded", job.Status.Conditions!.Single(c => c.Type == "Failed").Reason);
        var pods = (await hollow.Client.ListAsync<Pod>(ResourceRef.Pods, new ListOptions { Namespace = _ns, LabelSelector = "job-name=doomed" }, CancellationToken.None)).Items;
        Assert.Equal(3, pods.Count);
        Assert.All(pods, p => Assert.Equal(3, p.Status!.ContainerStatuses!.Single().State!.Terminated!.ExitCode));

        // Each replacement waited out the back-off after the failure before it (timestamps have 1 s resolution).
        var ordered = pods.OrderBy(p => p.Metadata.CreationTimestamp).ToList();
        for (var i = 1; i < ordered.Count; i++)
        {
            var waited = ordered[i].Metadata.CreationTimestamp!.Value - JobBackoff.FinishTime(ordered[i - 1])!.Value;
            Assert.True(waited >= JobBackoff.Delay(i) - TimeSpan.FromSeconds(1), $"replacement {i} came {waited} after the failure, before the {JobBackoff.Delay(i)} back-off");
        }
    }

    private async Task NamespaceAsync() =>
        (await KubectlAsync(Manifests.Namespace(_ns), "create", "-f", "-")).EnsureSuccess("create namespace");

    private Task<CommandResult> KubectlAsync(string? stdin, params string[] args) =>
        hollow.Cluster.KubectlWithAsync(RepoPaths.Kubectl, stdin, args);

    private string Manifest(string name, int completions, int parallelism, int exitCode, int backoffLimit) => $$"""
        apiVersion: batch/v1
        kind: Job
        metadata:
          name: {{name}}
        spec:
          completions: {{completions}}
          parallelism: {{parallelism}}
          backoffLimit: {{backoffLimit}}
          template:
            metadata:
              annotations:
                ursa.io/hollow-exit-after: 300ms
                ursa.io/hollow-exit-code: "{{exitCode}}"
            spec:
              restartPolicy: Never
              nodeSelector: {fleet: {{hollow.Fleet}}}
              containers:
              - name: main
                image: ursa.local/busybox:latest
                command: ["sh", "-c", "exit {{exitCode}}"]
        """;
}
