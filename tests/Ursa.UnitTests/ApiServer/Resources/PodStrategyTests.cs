using Ursa.Api.Core;
using Ursa.Api.Meta;
using Ursa.ApiServer.Resources.Strategies;
using Ursa.ApiServer.Validation;

namespace Ursa.UnitTests.ApiServer.Resources;

public sealed class PodStrategyTests
{
    private static Pod WithSpec(PodSpec spec) => new() { Metadata = new ObjectMeta { Name = "p" }, Spec = spec };

    private static FieldErrorList Validate(Pod pod)
    {
        var errors = new FieldErrorList();
        new PodStrategy().Validate(pod, errors);
        return errors;
    }

    [Fact]
    public void Validate_ContainersAndVirtualMachine_ForbidsVirtualMachine()
    {
        var errors = Validate(WithSpec(new PodSpec
        {
            Containers = [new Container { Name = "c", Image = "busybox" }],
            VirtualMachine = new VirtualMachine { Name = "vm", Image = "img" },
        }));
        Assert.Equal("spec.virtualMachine", Assert.Single(errors.Causes).Field);
    }

    [Fact]
    public void Validate_NeitherContainersNorVirtualMachine_RequiresContainers()
    {
        var errors = Validate(WithSpec(new PodSpec()));
        Assert.Equal(("FieldValueRequired", "spec.containers"), (Assert.Single(errors.Causes).Reason, errors.Causes[0].Field));
    }

    [Theory]
    [InlineData("Hibernate", "spec.virtualMachine.powerSpec")]
    [InlineData("Running", null)]
    public void Validate_PowerSpec_AcceptsOnlyKnownStates(string power, string? badField)
    {
        var errors = Validate(WithSpec(new PodSpec { VirtualMachine = new VirtualMachine { Name = "vm", Image = "img", PowerSpec = power } }));
        Assert.Equal(badField, errors.Causes.SingleOrDefault()?.Field);
    }

    [Fact]
    public void Validate_VmFieldsTheNodeCannotHonour_AreRefusedNotIgnored()
    {
        var errors = Validate(WithSpec(new PodSpec
        {
            Volumes = [new Volume { Name = "cache", EmptyDir = new EmptyDirVolumeSource() }, new Volume { Name = "disk", HostPath = new HostPathVolumeSource { Path = "/disks/a.img" } }],
            VirtualMachine = new VirtualMachine
            {
                Name = "vm",
                Image = "img",
                BootVolume = "disk",
                KeyPairName = "mykey",
                VolumeDevices =
                [
                    new VolumeDevice { Name = "disk", DevicePath = "/dev/vdb" },
                    new VolumeDevice { Name = "cache", DevicePath = "/dev/vdc" },
                    new VolumeDevice { Name = "nothere", DevicePath = "/dev/vdd" },
                ],
            },
        }));
        Assert.Equal(
            ["spec.virtualMachine.bootVolume", "spec.virtualMachine.keyPairName", "spec.virtualMachine.volumeDevices[1].name", "spec.virtualMachine.volumeDevices[2].name"],
            errors.Causes.Select(c => c.Field));
    }

    [Fact]
    public void Validate_BadQuantityAndDuplicateNames_NameEachField()
    {
        var errors = Validate(WithSpec(new PodSpec
        {
            Containers =
            [
                new Container { Name = "a", Image = "x", Resources = new ResourceRequirements { Limits = new() { ["memory"] = "lots" } } },
                new Container { Name = "a", Image = "x" },
            ],
        }));
        Assert.Equal(["spec.containers[0].resources.limits[memory]", "spec.containers[1].name"], errors.Causes.Select(c => c.Field));
    }

    [Theory]
    [InlineData("busybox", "Always")]
    [InlineData("busybox:latest", "Always")]
    [InlineData("busybox:1.36", "IfNotPresent")]
    [InlineData("registry:5000/busybox", "Always")]
    [InlineData("busybox@sha256:abc", "IfNotPresent")]
    public void DefaultPullPolicy_FollowsKubernetes(string image, string expected) =>
        Assert.Equal(expected, PodStrategy.DefaultPullPolicy(image));

    [Fact]
    public void PrepareForCreate_VmPod_DefaultsPowerSpecAndPendingStatus()
    {
        var pod = WithSpec(new PodSpec { VirtualMachine = new VirtualMachine { Name = "vm", Image = "img" } });
        pod.Status = new PodStatus { Phase = "Running" };
        new PodStrategy().PrepareForCreate(pod);
        Assert.Equal(("Running", "Pending", "Always"), (pod.Spec!.VirtualMachine!.PowerSpec, pod.Status!.Phase, pod.Spec.RestartPolicy));
    }
}
