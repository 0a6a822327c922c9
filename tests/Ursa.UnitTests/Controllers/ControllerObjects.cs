using Ursa.Api.Apps;
using Ursa.Api.Core;
using Ursa.Api.Meta;

namespace Ursa.UnitTests.Controllers;

/// <summary>Builders for controller tests (Deployments, ReplicaSets, pods), with options.</summary>
public static class ControllerObjects
{
    public static readonly DateTimeOffset T0 = new(2026, 11, 21, 0, 0, 0, TimeSpan.Zero);

    public static Deployment Deployment(int replicas, string image = "nginx:1", string? strategy = null, string? maxSurge = null, string? maxUnavailable = null)
    {
        var d = new Deployment
        {
            Metadata = new ObjectMeta { Name = "web", Namespace = "default", Tenant = "system", Uid = "d-uid", Generation = 1 },
            Spec = new DeploymentSpec
            {
                Replicas = replicas,
                Selector = new LabelSelector { MatchLabels = new() { ["app"] = "web" } },
                Template = Template(image),
                Strategy = new DeploymentStrategy { Type = strategy ?? "RollingUpdate" },
                ProgressDeadlineSeconds = 600,
            },
        };
        if (d.Spec.Strategy.Type == "RollingUpdate")
        {
            d.Spec.Strategy.RollingUpdate = new RollingUpdateDeployment
            {
                MaxSurge = maxSurge is null ? null : Parse(maxSurge),
                MaxUnavailable = maxUnavailable is null ? null : Parse(maxUnavailable),
            };
        }

        return d;
    }

    public static PodTemplateSpec Template(string image) => new()
    {
        Metadata = new ObjectMeta { Labels = new() { ["app"] = "web" } },
        Spec = new PodSpec { Containers = [new Container { Name = "main", Image = image }] },
    };

    /// <summary>A ReplicaSet with spec replicas and available (= ready = existing) pods.</summary>
    public static ReplicaSet Set(string name, int replicas, int available, string image = "nginx:1", long revision = 1, int? existing = null, int ageSeconds = 0) => new()
    {
        Metadata = new ObjectMeta
        {
            Name = name,
            Namespace = "default",
            Tenant = "system",
            CreationTimestamp = T0.AddSeconds(ageSeconds),
            Annotations = new() { ["deployment.kubernetes.io/revision"] = revision.ToString(System.Globalization.CultureInfo.InvariantCulture) },
        },
        Spec = new ReplicaSetSpec { Replicas = replicas, Template = Template(image) },
        Status = new ReplicaSetStatus { Replicas = existing ?? available, ReadyReplicas = available, AvailableReplicas = available },
    };

    private static IntOrString Parse(string value) =>
        int.TryParse(value, out var n) ? IntOrString.FromInt(n) : IntOrString.FromString(value);
}
