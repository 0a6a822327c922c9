using Ursa.Api.Apps;
using Ursa.Api.Batch;
using Ursa.Api.Core;
using Ursa.Api.Meta;
using Ursa.Controllers.Jobs;
using static Ursa.UnitTests.Controllers.ControllerObjects;

namespace Ursa.UnitTests.Controllers.Jobs;

public sealed class JobPlannerTests
{
    [Fact]
    public void NewJob_StartsParallelismPods_AndStamps_StartTime()
    {
        var plan = JobPlanner.Plan(Job(completions: 5, parallelism: 2), [], T0);
        Assert.Equal(2, plan.Create);
        Assert.Equal(T0, plan.Status.StartTime);
        Assert.Equal((0, 0, 0), (plan.Status.Active, plan.Status.Succeeded, plan.Status.Failed));
    }

    [Fact]
    public void NearTheEnd_OnlyTheRemainingCompletionsRun()
    {
        var plan = JobPlanner.Plan(Job(completions: 3, parallelism: 3), [Pod("a", "Succeeded"), Pod("b", "Succeeded"), Pod("c", "Running")], T0);
        Assert.Equal(0, plan.Create);
        Assert.Equal((1, 2), (plan.Status.Active, plan.Status.Succeeded));
    }

    [Fact]
    public void EnoughSuccesses_Complete_WithCompletionTime()
    {
        var plan = JobPlanner.Plan(Job(completions: 2, parallelism: 2), [Pod("a", "Succeeded"), Pod("b", "Succeeded")], T0.AddSeconds(3));
        var complete = Assert.Single(plan.Status.Conditions!);
        Assert.Equal(("Complete", "True"), (complete.Type, complete.Status));
        Assert.Equal(T0.AddSeconds(3), plan.Status.CompletionTime);
        Assert.Equal(0, plan.Create);
        Assert.Equal("Complete", JobPlanner.Finished(plan.Status));
    }

    [Fact]
    public void FailuresWithinBackoffLimit_AreReplaced()
    {
        // Past the back-off of two failures (20 s).
        var plan = JobPlanner.Plan(Job(completions: 1, parallelism: 1, backoffLimit: 2), [Pod("a", "Failed"), Pod("b", "Failed")], T0.AddSeconds(21));
        Assert.Null(JobPlanner.Finished(plan.Status));
        Assert.Equal(1, plan.Create);
        Assert.Equal(2, plan.Status.Failed);
    }

    [Fact]
    public void FailuresPastBackoffLimit_Failed_AndActivePodsDeleted()
    {
        var running = Pod("c", "Running");
        var plan = JobPlanner.Plan(Job(completions: 2, parallelism: 2, backoffLimit: 1), [Pod("a", "Failed"), Pod("b", "Failed"), running], T0);
        var failed = Assert.Single(plan.Status.Conditions!);
        Assert.Equal(("Failed", "BackoffLimitExceeded"), (failed.Type, failed.Reason));
        Assert.Equal(0, plan.Create);
        Assert.Same(running, Assert.Single(plan.Delete));
        Assert.Equal(0, plan.Status.Active);
    }

    [Fact]
    public void OnFailure_ContainerRestartsCountAgainstTheBackoffLimit()
    {
        var job = Job(completions: 1, parallelism: 1, backoffLimit: 2);
        job.Spec!.Template!.Spec!.RestartPolicy = "OnFailure";
        var restarting = Pod("a", "Running");
        restarting.Status!.ContainerStatuses = [new ContainerStatus { Name = "main", RestartCount = 1 }];
        Assert.Null(JobPlanner.Finished(JobPlanner.Plan(job, [restarting], T0).Status));

        restarting.Status.ContainerStatuses[0].RestartCount = 2;
        Assert.Equal("Failed", JobPlanner.Finished(JobPlanner.Plan(job, [restarting], T0).Status));
    }

    [Fact]
    public void ActiveDeadline_Failed()
    {
        var job = Job(completions: 1, parallelism: 1);
        job.Spec!.ActiveDeadlineSeconds = 10;
        job.Status = new JobStatus { StartTime = T0 };
        Assert.Null(JobPlanner.Finished(JobPlanner.Plan(job, [Pod("a", "Running")], T0.AddSeconds(9)).Status));
        var late = JobPlanner.Plan(job, [Pod("a", "Running")], T0.AddSeconds(10));
        Assert.Equal("DeadlineExceeded", Assert.Single(late.Status.Conditions!).Reason);
    }

    [Fact]
    public void DeletedPods_DoNotLowerTheCounts()
    {
        var job = Job(completions: 3, parallelism: 1);
        job.Status = new JobStatus { StartTime = T0, Succeeded = 2, Failed = 1 };
        var plan = JobPlanner.Plan(job, [], T0);
        Assert.Equal((2, 1), (plan.Status.Succeeded, plan.Status.Failed));
        Assert.Equal(1, plan.Create);
    }

    [Fact]
    public void FinishedJob_StaysFinished_AndDoesNothing()
    {
        var job = Job(completions: 1, parallelism: 1);
        job.Status = new JobStatus { StartTime = T0, CompletionTime = T0, Succeeded = 1, Conditions = [new JobCondition { Type = "Complete", Status = "True" }] };
        var plan = JobPlanner.Plan(job, [Pod("a", "Succeeded")], T0.AddMinutes(1));
        Assert.Equal(0, plan.Create);
        Assert.Empty(plan.Delete);
        Assert.Single(plan.Status.Conditions!);
        Assert.True(JobPlanner.SameAs(plan.Status, new JobStatus { StartTime = T0, CompletionTime = T0, Succeeded = 1, Failed = 0, Active = 0, Ready = 0, Conditions = job.Status.Conditions }));
    }

    [Fact]
    public void ParallelismLowered_ExtraPodsGo_UnscheduledFirst()
    {
        var bound = Pod("a", "Running");
        var unbound = Pod("b", null);
        unbound.Spec!.NodeName = null;
        var plan = JobPlanner.Plan(Job(completions: 5, parallelism: 1), [bound, unbound], T0);
        Assert.Same(unbound, Assert.Single(plan.Delete));
    }

    private static Job Job(int completions, int parallelism, int backoffLimit = 6) => new()
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

    private static Pod Pod(string name, string? phase) => new()
    {
        Metadata = new ObjectMeta { Name = name, CreationTimestamp = T0 },
        Spec = new PodSpec { NodeName = "n1" },
        Status = new PodStatus { Phase = phase },
    };
}
