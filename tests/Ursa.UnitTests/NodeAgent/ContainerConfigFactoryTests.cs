using Ursa.Api.Core;
using Ursa.Api.Meta;
using Ursa.NodeAgent.Pods;

namespace Ursa.UnitTests.NodeAgent;

public sealed class ContainerConfigFactoryTests
{
    private static readonly ContainerConfigFactory.Context Context = new(2, "sha256:abc", "/agent", "10.88.0.5", "127.0.0.1", 1L << 33);

    [Theory]
    [InlineData("echo $(GREETING)", "echo hello")]
    [InlineData("echo $$(GREETING)", "echo $(GREETING)")]
    [InlineData("echo $(MISSING)", "echo $(MISSING)")]
    [InlineData("$(GREETING)$(GREETING)", "hellohello")]
    [InlineData("cost $5", "cost $5")]
    [InlineData("unclosed $(GREETING", "unclosed $(GREETING")]
    public void Expand_KubernetesRules(string text, string expected)
    {
        Assert.Equal(expected, ContainerConfigFactory.Expand(text, new Dictionary<string, string> { ["GREETING"] = "hello" }));
    }

    [Fact]
    public void Create_FullContainer_CommandEnvMountsLogPathLabels()
    {
        var pod = new Pod
        {
            Metadata = new ObjectMeta { Name = "web", Namespace = "ns", Tenant = "acme", Uid = "u-1" },
            Spec = new PodSpec
            {
                NodeName = "n1",
                Volumes = [new Volume { Name = "scratch", EmptyDir = new EmptyDirVolumeSource() }, new Volume { Name = "host", HostPath = new HostPathVolumeSource { Path = "/srv" } }],
                Containers =
                [
                    new Container
                    {
                        Name = "app",
                        Image = "ursa.local/busybox:latest",
                        Command = ["sh", "-c"],
                        Args = ["echo $(POD) on $(NODE)"],
                        Env =
                        [
                            new EnvVar { Name = "POD", ValueFrom = new EnvVarSource { FieldRef = new ObjectFieldSelector { FieldPath = "metadata.name" } } },
                            new EnvVar { Name = "NODE", ValueFrom = new EnvVarSource { FieldRef = new ObjectFieldSelector { FieldPath = "spec.nodeName" } } },
                            new EnvVar { Name = "IP", ValueFrom = new EnvVarSource { FieldRef = new ObjectFieldSelector { FieldPath = "status.podIP" } } },
                            new EnvVar { Name = "BOTH", Value = "$(POD)@$(IP)" },
                        ],
                        VolumeMounts = [new VolumeMount { Name = "scratch", MountPath = "/tmp/s" }, new VolumeMount { Name = "host", MountPath = "/h", ReadOnly = true }],
                    },
                ],
            },
        };

        var config = ContainerConfigFactory.Create(pod, pod.Spec.Containers[0], Context);

        Assert.Equal(["sh", "-c"], config.Command);
        Assert.Equal(["echo web on n1"], config.Args);
        Assert.Equal(["POD=web", "NODE=n1", "IP=10.88.0.5", "BOTH=web@10.88.0.5"], config.Envs.Select(e => $"{e.Key}={e.Value}"));
        Assert.Equal([("/tmp/s", "/agent/pods/acme_ns_web_u-1/volumes/scratch", false), ("/h", "/srv", true)], config.Mounts.Select(m => (m.ContainerPath, m.HostPath, m.Readonly)));
        Assert.Equal("app/2.log", config.LogPath);
        Assert.Equal(2u, config.Metadata.Attempt);
        Assert.Equal("sha256:abc", config.Image.Image);
        Assert.Equal("u-1", config.Labels[CriLabels.PodUid]);
        Assert.Equal("app", config.Labels[CriLabels.ContainerName]);
        Assert.Equal("acme", config.Labels[CriLabels.Tenant]);
    }

    [Theory]
    [InlineData("missing", "no volume of that name")]
    [InlineData("cm", "only emptyDir and hostPath")]
    public void Create_UnsupportedVolume_ThrowsConfigError(string volume, string message)
    {
        var container = new Container { Name = "c", Image = "i", VolumeMounts = [new VolumeMount { Name = volume, MountPath = "/x" }] };
        var pod = new Pod
        {
            Metadata = new ObjectMeta { Name = "p", Uid = "u" },
            Spec = new PodSpec { Containers = [container], Volumes = [new Volume { Name = "cm", ConfigMap = new ConfigMapVolumeSource() }] },
        };

        var error = Assert.Throws<ContainerConfigException>(() => ContainerConfigFactory.Create(pod, container, Context));

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SpecHash_ChangesWithTheSpec()
    {
        var a = new Container { Name = "c", Image = "busybox:1" };
        var b = new Container { Name = "c", Image = "busybox:2" };

        Assert.Equal(ContainerConfigFactory.SpecHash(a), ContainerConfigFactory.SpecHash(new Container { Name = "c", Image = "busybox:1" }));
        Assert.NotEqual(ContainerConfigFactory.SpecHash(a), ContainerConfigFactory.SpecHash(b));
    }

    [Theory]
    [InlineData("busybox", "Always")]
    [InlineData("busybox:latest", "Always")]
    [InlineData("ursa.local:5000/busybox", "Always")]
    [InlineData("busybox:1.36", "IfNotPresent")]
    [InlineData("busybox@sha256:abcd", "IfNotPresent")]
    public void DefaultPullPolicy_KubernetesRules(string image, string policy)
    {
        Assert.Equal(policy, PodSyncer.DefaultPullPolicy(image));
    }
}
