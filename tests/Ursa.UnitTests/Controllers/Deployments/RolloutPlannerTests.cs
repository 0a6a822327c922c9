using Ursa.Api.Apps;
using Ursa.Controllers.Deployments;
using static Ursa.UnitTests.Controllers.ControllerObjects;

namespace Ursa.UnitTests.Controllers.Deployments;

public sealed class RolloutPlannerTests
{
    [Fact]
    public void NoReplicaSetYet_CreatesTheNewOneAtFullSize()
    {
        var step = RolloutPlanner.Plan(Deployment(4), null, []);
        Assert.Equal(4, step.NewReplicas);
        Assert.Empty(step.OldReplicas);
    }

    [Theory]
    [InlineData(10, null, null, 3, 2)] // 25% of 10: surge rounds up to 3, unavailable down to 2
    [InlineData(4, null, null, 1, 1)]
    [InlineData(3, "0", "0", 0, 1)] // both zero would never progress
    [InlineData(5, "2", "100%", 2, 5)]
    public void Bounds_RoundLikeKubernetes(int replicas, string? surge, string? unavailable, int wantSurge, int wantUnavailable)
    {
        var (s, u) = RolloutPlanner.Bounds(Deployment(replicas, maxSurge: surge, maxUnavailable: unavailable));
        Assert.Equal((wantSurge, wantUnavailable), (s, u));
    }

    [Fact]
    public void TemplateChange_FirstStepSurgesTheNewReplicaSet()
    {
        var d = Deployment(4, image: "nginx:2");
        var old = Set("web-old", 4, 4);

        var step = RolloutPlanner.Plan(d, null, [old]);

        // 4 replicas + 25% surge (1) = at most 5 pods: the new ReplicaSet starts with 1.
        Assert.Equal(1, step.NewReplicas);
        Assert.Empty(step.OldReplicas);
    }

    [Fact]
    public void NewPodsNotYetAvailable_OldOnesAreKeptAtMinimumAvailability()
    {
        var d = Deployment(4, image: "nginx:2");
        var step = RolloutPlanner.Plan(d, Set("web-new", 1, 0, "nginx:2"), [Set("web-old", 4, 4)]);

        // 5 pods exist, 4 available, minimum 3: one old pod may go.
        Assert.Null(step.NewReplicas);
        Assert.Equal(3, step.OldReplicas["web-old"]);
    }

    [Fact]
    public void AtMaxSurgeWithNothingRemovable_TakesNoStep()
    {
        var d = Deployment(4, image: "nginx:2", maxSurge: "1", maxUnavailable: "0");
        var step = RolloutPlanner.Plan(d, Set("web-new", 1, 0, "nginx:2"), [Set("web-old", 4, 4)]);

        Assert.Null(step.NewReplicas);
        Assert.Empty(step.OldReplicas);
    }

    [Fact]
    public void UnavailableOldPods_GoFirst_OldestReplicaSetFirst()
    {
        var d = Deployment(4, image: "nginx:3", maxSurge: "0", maxUnavailable: "1");
        var older = Set("web-1", 2, 1, "nginx:1", revision: 1);
        var newer = Set("web-2", 2, 2, "nginx:2", revision: 2, ageSeconds: 10);
        var step = RolloutPlanner.Plan(d, Set("web-3", 0, 0, "nginx:3", revision: 3, ageSeconds: 20), [older, newer]);

        // The broken pod of web-1 costs no availability; after it, 3 are available = the minimum.
        Assert.Equal(1, step.OldReplicas["web-1"]);
        Assert.False(step.OldReplicas.ContainsKey("web-2"));
    }

    [Fact]
    public void FinishedRollout_ScalesOnlyTheNewReplicaSet()
    {
        var step = RolloutPlanner.Plan(Deployment(6), Set("web-new", 4, 4), [Set("web-old", 0, 0, "nginx:0")]);
        Assert.Equal(6, step.NewReplicas);
        Assert.Empty(step.OldReplicas);
    }

    [Fact]
    public void Recreate_ScalesOldToZero_WaitsForPodsToGo_ThenCreatesNew()
    {
        var d = Deployment(3, image: "nginx:2", strategy: "Recreate");

        var first = RolloutPlanner.Plan(d, null, [Set("web-old", 3, 3)]);
        Assert.Null(first.NewReplicas);
        Assert.Equal(0, first.OldReplicas["web-old"]);

        var draining = RolloutPlanner.Plan(d, null, [Set("web-old", 0, 0, existing: 2)]);
        Assert.Same(RolloutStep.None, draining);

        var drained = RolloutPlanner.Plan(d, null, [Set("web-old", 0, 0, existing: 0)]);
        Assert.Equal(3, drained.NewReplicas);
    }

    [Fact]
    public void WholeRollingUpdate_NeverExceedsSurgeNorDropsBelowMinimum()
    {
        // Simulate syncs where every pod becomes available at once after each step.
        var d = Deployment(10, image: "nginx:2");
        var old = Set("web-old", 10, 10);
        ReplicaSet? fresh = null;
        for (var sync = 0; sync < 50 && !(fresh?.Spec!.Replicas == 10 && old.Spec!.Replicas == 0); sync++)
        {
            var step = RolloutPlanner.Plan(d, fresh, [old]);
            if (step.NewReplicas is { } n)
            {
                fresh ??= Set("web-new", 0, 0, "nginx:2");
                fresh.Spec!.Replicas = n;
            }

            if (step.OldReplicas.TryGetValue("web-old", out var o))
            {
                old.Spec!.Replicas = o;
            }

            var total = (fresh?.Spec!.Replicas ?? 0) + old.Spec!.Replicas;
            Assert.True(total <= 13, $"sync {sync}: {total} pods, more than 10 + surge 3");
            var available = Math.Min(fresh?.Status!.AvailableReplicas ?? 0, fresh?.Spec!.Replicas ?? 0) + Math.Min(old.Status!.AvailableReplicas ?? 0, old.Spec.Replicas ?? 0);
            Assert.True(available >= 8, $"sync {sync}: {available} available, fewer than 10 - 2");

            // The pods settle before the next sync.
            if (fresh is not null)
            {
                fresh.Status!.AvailableReplicas = fresh.Status.Replicas = fresh.Spec!.Replicas;
            }

            old.Status!.AvailableReplicas = old.Status.Replicas = old.Spec.Replicas;
        }

        Assert.Equal(10, fresh!.Spec!.Replicas);
        Assert.Equal(0, old.Spec!.Replicas);
    }
}
