using Ursa.Api.Apps;
using Ursa.Controllers.Deployments;
using static Ursa.UnitTests.Controllers.ControllerObjects;

namespace Ursa.UnitTests.Controllers.Deployments;

public sealed class DeploymentStatusCalculatorTests
{
    [Fact]
    public void NewReplicaSetCreated_ThenProgressing_ThenComplete()
    {
        var d = Deployment(2);
        var fresh = Set("web-abc", 2, 0, existing: 0);
        var created = DeploymentStatusCalculator.Compute(d, fresh, [fresh], createdNewSet: true, T0);
        Assert.Equal("NewReplicaSetCreated", Progressing(created).Reason);
        Assert.Equal("Created new replica set \"web-abc\"", Progressing(created).Message);
        Assert.Equal("False", Condition(created, "Available").Status);

        d.Status = created;
        fresh.Status = new() { Replicas = 2, ReadyReplicas = 1, AvailableReplicas = 1 };
        var progressing = DeploymentStatusCalculator.Compute(d, fresh, [fresh], false, T0.AddSeconds(5));
        Assert.Equal(("True", "ReplicaSetUpdated"), (Progressing(progressing).Status, Progressing(progressing).Reason));
        Assert.Equal(T0.AddSeconds(5), Progressing(progressing).LastUpdateTime);
        Assert.Equal(T0, Progressing(progressing).LastTransitionTime);
        Assert.Equal("False", Condition(progressing, "Available").Status); // 25% of 2 rounds down to 0 unavailable allowed

        d.Status = progressing;
        fresh.Status = new() { Replicas = 2, ReadyReplicas = 2, AvailableReplicas = 2 };
        var done = DeploymentStatusCalculator.Compute(d, fresh, [fresh], false, T0.AddSeconds(9));
        Assert.Equal("NewReplicaSetAvailable", Progressing(done).Reason);
        Assert.Equal("True", Condition(done, "Available").Status);
        Assert.Equal("ReplicaSet \"web-abc\" has successfully progressed.", Progressing(done).Message);
        Assert.Equal((2, 2, 2, 2, 0), (done.Replicas, done.UpdatedReplicas, done.ReadyReplicas, done.AvailableReplicas, done.UnavailableReplicas));
        Assert.True(DeploymentStatusCalculator.IsComplete(d, done));
    }

    [Fact]
    public void NoProgressPastTheDeadline_ProgressDeadlineExceeded()
    {
        var d = Deployment(2);
        d.Spec!.ProgressDeadlineSeconds = 30;
        var stuck = Set("web-abc", 2, 0, existing: 2);
        d.Status = DeploymentStatusCalculator.Compute(d, stuck, [stuck], createdNewSet: true, T0);

        var early = DeploymentStatusCalculator.Compute(d, stuck, [stuck], false, T0.AddSeconds(29));
        Assert.Equal("NewReplicaSetCreated", Progressing(early).Reason);

        var late = DeploymentStatusCalculator.Compute(d, stuck, [stuck], false, T0.AddSeconds(31));
        Assert.Equal(("False", "ProgressDeadlineExceeded"), (Progressing(late).Status, Progressing(late).Reason));
    }

    [Fact]
    public void OldPodsLeft_NotComplete()
    {
        var d = Deployment(2, image: "nginx:2");
        var fresh = Set("web-new", 2, 2, "nginx:2");
        var old = Set("web-old", 0, 0, existing: 1);
        var status = DeploymentStatusCalculator.Compute(d, fresh, [fresh, old], false, T0);
        Assert.Equal(3, status.Replicas);
        Assert.False(DeploymentStatusCalculator.IsComplete(d, status));
    }

    private static DeploymentCondition Progressing(DeploymentStatus s) => Condition(s, "Progressing");

    private static DeploymentCondition Condition(DeploymentStatus s, string type) => Assert.Single(s.Conditions!, c => c.Type == type);
}
