using Ursa.Api.Apps;
using Ursa.Api.Batch;
using Ursa.Api.Core;
using Ursa.Api.Meta;
using Ursa.Controllers.Jobs;
using Ursa.UnitTests.Testing;

namespace Ursa.UnitTests.Controllers.Jobs;

public sealed class JobBackoffTests
{
    [Theory]
    [InlineData(1, 10)]
    [InlineData(2, 20)]
    [InlineData(3, 40)]
    [InlineData(6, 320)]
    [InlineData(7, 360)]
    [InlineData(30, 360)]
    public void Delay_DoublesFromTenSeconds_CappedAtSixMinutes(int failures, int seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), JobBackoff.Delay(failures));

    [Fact]
    public void FailedPods_AreReplacedOnlyAfterTheBackoff_WhichGrowsWithEachFailure()
    {
        var clock = new ManualTimeProvider();
        var job = Job(backoffLimit: 10);
        var pods = new List<Pod> { Failed("a", clock.GetUtcNow()) };

        // One failure: 10 s. Re-queued for exactly what is left, no create before.
        var plan = JobPlanner.Plan(job, pods, clock.GetUtcNow());
        Assert.Equal((0, TimeSpan.FromSeconds(10)), (plan.Create, plan.CreateAfter));
        clock.Advance(TimeSpan.FromSeconds(4));
        plan = JobPlanner.Plan(job, pods, clock.GetUtcNow());
        Assert.Equal((0, TimeSpan.FromSeconds(6)), (plan.Create, plan.CreateAfter));
        clock.Advance(TimeSpan.FromSeconds(6));
        plan = JobPlanner.Plan(job, pods, clock.GetUtcNow());
        Assert.Equal((1, (TimeSpan?)null), (plan.Create, plan.CreateAfter));

        // The replacement fails too: 20 s from its failure.
        clock.Advance(TimeSpan.FromSeconds(3));
        pods.Add(Failed("b", clock.GetUtcNow()));
        plan = JobPlanner.Plan(job, pods, clock.GetUtcNow());
        Assert.Equal((0, TimeSpan.FromSeconds(20)), (plan.Create, plan.CreateAfter));
        clock.Advance(TimeSpan.FromSeconds(20));
        Assert.Equal(1, JobPlanner.Plan(job, pods, clock.GetUtcNow()).Create);
        Assert.Equal(2, plan.Status.Failed);
    }

    [Fact]
    public void ASuccess_ResetsTheCount()
    {
        var clock = new ManualTimeProvider();
        var t = clock.GetUtcNow();
        var pods = new List<Pod> { Failed("a", t), Failed("b", t.AddSeconds(1)), Succeeded("c", t.AddSeconds(2)), Failed("d", t.AddSeconds(3)) };
        clock.Advance(TimeSpan.FromSeconds(3));
        var plan = JobPlanner.Plan(Job(backoffLimit: 10, completions: 3, parallelism: 1), pods, clock.GetUtcNow());

        // Only "d" failed since the last success: 10 s, not 40 s.
        Assert.Equal(TimeSpan.FromSeconds(10), plan.CreateAfter);
    }

    [Fact]
    public void BackoffLimitExceeded_StillFailsTheJob_WithoutWaiting()
    {
        var clock = new ManualTimeProvider();
        var now = clock.GetUtcNow();
        var plan = JobPlanner.Plan(Job(backoffLimit: 1), [Failed("a", now), Failed("b", now)], now);
        Assert.Equal(("Failed", "BackoffLimitExceeded"), (plan.Status.Conditions![0].Type, plan.Status.Conditions[0].Reason));
        Assert.Null(plan.CreateAfter);
    }

    [Fact]
    public void FinishTime_PrefersReadyFalse_ThenContainers_ThenMetadata()
    {
        var t = new ManualTimeProvider().GetUtcNow();
        var pod = Failed("a", t);
        Assert.Equal(t, JobBackoff.FinishTime(pod));
        pod.Status!.Conditions = [new PodCondition { Type = "Ready", Status = "False", LastTransitionTime = t.AddSeconds(5) }];
        Assert.Equal(t.AddSeconds(5), JobBackoff.FinishTime(pod));
        Assert.Equal(t.AddSeconds(-60), JobBackoff.FinishTime(new Pod { Metadata = new ObjectMeta { CreationTimestamp = t.AddSeconds(-60) }, Status = new PodStatus { Phase = "Failed" } }));
    }

    private static Pod Failed(string name, DateTimeOffset at) => Finished(name, "Failed", at);

    private static Pod Succeeded(string name, DateTimeOffset at) => Finished(name, "Succeeded", at);

    private static Pod Finished(string name, string phase, DateTimeOffset at) => new()
    {
        Metadata = new ObjectMeta { Name = name, CreationTimestamp = at.AddMinutes(-1) },
        Spec = new PodSpec { NodeName = "n1" },
        Status = new PodStatus
        {
            Phase = phase,
            ContainerStatuses = [new ContainerStatus { Name = "main", State = new ContainerState { Terminated = new ContainerStateTerminated { ExitCode = phase == "Failed" ? 1 : 0, FinishedAt = at } } }],
        },
    };

    private static Job Job(int backoffLimit, int completions = 1, int parallelism = 1) => new()
    {
        Metadata = new ObjectMeta { Name = "work", Namespace = "default", Uid = "job-uid" },
        Spec = new JobSpec
        {
            Completions = completions,
            Parallelism = parallelism,
            BackoffLimit = backoffLimit,
            Template = new PodTemplateSpec { Spec = new PodSpec { RestartPolicy = "Never", Containers = [new Container { Name = "main", Image = "busybox" }] } },
        },
    };
}
