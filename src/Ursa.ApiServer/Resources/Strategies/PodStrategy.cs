using Ursa.ApiServer.Validation;

namespace Ursa.ApiServer.Resources.Strategies;

/// <summary>Pods: defaults as Kubernetes sets them, and the container-or-VM rule of Ursa.</summary>
/// <param name="time">The clock for conditions the strategy writes (a released node's PodScheduled).</param>
public sealed partial class PodStrategy(TimeProvider? time = null) : ResourceStrategy<Pod>
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    public static readonly string[] RestartPolicies = ["Always", "OnFailure", "Never"];
    public static readonly string[] PullPolicies = ["Always", "IfNotPresent", "Never"];
    public static readonly string[] PowerSpecs = ["Running", "Paused", "Shutdown"];
    public static readonly string[] DnsPolicies = ["ClusterFirst", "ClusterFirstWithHostNet", "Default", "None"];

    /// <summary>Largest accepted cloud-init user data (base64), as in Arktos.</summary>
    public const int MaxUserDataLength = 64 * 1024;

    protected override void PrepareForCreate(Pod pod)
    {
        pod.Spec ??= new PodSpec();
        ApplyDefaults(pod.Spec);
        MirrorVmConsole(pod);
        pod.Status = new PodStatus { Phase = "Pending", QosClass = QosClassOf(pod.Spec) };
    }

    protected override void PrepareForUpdate(Pod pod, Pod old)
    {
        pod.Spec ??= new PodSpec();
        ApplyDefaults(pod.Spec);
        MirrorVmConsole(pod);
        if (ReleasesNode(pod, old))
        {
            ReleaseNode(pod, old.Spec!.NodeName!);
        }
    }

    /// <summary>
    /// A VM pod shows its console as one ephemeral container named after the VM, marked as the pod's default
    /// container: stock kubectl resolves <c>logs</c> and <c>attach</c> against the pod's containers before it
    /// asks the server, and a VM pod has none. Re-derived on every write, so it always mirrors the VM. Ephemeral
    /// containers count toward no resources, so scheduling and QoS are unchanged.
    /// </summary>
    private static void MirrorVmConsole(Pod pod)
    {
        if (pod.Spec!.VirtualMachine is not { } vm)
        {
            return;
        }

        pod.Spec.EphemeralContainers =
        [
            new Container
            {
                Name = vm.Name,
                Image = vm.Image,
                ImagePullPolicy = vm.ImagePullPolicy,
                Stdin = true,
                Tty = true,
                TerminationMessagePath = "/dev/termination-log",
                TerminationMessagePolicy = "File",
            },
        ];
        pod.Metadata.Annotations ??= [];
        pod.Metadata.Annotations[DefaultContainerAnnotation] = vm.Name ?? string.Empty;
    }

    /// <summary>The annotation kubectl reads to pick a pod's default container.</summary>
    public const string DefaultContainerAnnotation = "kubectl.kubernetes.io/default-container";

    protected override void Validate(Pod pod, FieldErrorList errors)
    {
        MetadataValidator.ValidateName(pod.Metadata.Name, NameRules.CheckDns1123Subdomain, errors);
        if (pod.Spec is not { } spec)
        {
            errors.Required("spec");
            return;
        }

        var hasContainers = spec.Containers is { Count: > 0 };
        var hasVm = spec.VirtualMachine is not null;
        if (hasContainers && hasVm)
        {
            errors.Forbidden("spec.virtualMachine", "a pod holds either containers or one virtualMachine, not both");
        }
        else if (!hasContainers && !hasVm)
        {
            errors.Required("spec.containers", "Required value: a pod needs containers or a virtualMachine");
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        ValidateContainers(spec.InitContainers, "spec.initContainers", names, errors);
        ValidateContainers(spec.Containers, "spec.containers", names, errors);
        if (spec.VirtualMachine is { } vm)
        {
            ValidateVirtualMachine(vm, spec.Volumes, errors);
        }

        if (spec.EphemeralContainers is { Count: > 0 } && !hasVm)
        {
            errors.Forbidden("spec.ephemeralContainers", "ephemeral containers are not supported on container pods yet");
        }

        if (spec.Nics is { Count: > 0 } && !hasVm)
        {
            errors.Forbidden("spec.nics", "nics apply only to a pod with a virtualMachine");
        }

        ValidateNics(spec.Nics, errors);
        if (spec.RestartPolicy is { } restart && !RestartPolicies.Contains(restart))
        {
            errors.NotSupported("spec.restartPolicy", restart, RestartPolicies);
        }

        if (spec.DnsPolicy is { } dns && !DnsPolicies.Contains(dns))
        {
            errors.NotSupported("spec.dnsPolicy", dns, DnsPolicies);
        }

        if (spec.TerminationGracePeriodSeconds is < 0)
        {
            errors.Invalid("spec.terminationGracePeriodSeconds", spec.TerminationGracePeriodSeconds, "must be greater than or equal to 0");
        }

        if (spec.ActiveDeadlineSeconds is <= 0)
        {
            errors.Invalid("spec.activeDeadlineSeconds", spec.ActiveDeadlineSeconds, "must be between 1 and 2147483647, inclusive");
        }

        ValidateVolumes(spec.Volumes, errors);
        ValidateTolerations(spec.Tolerations, errors);
        if (spec.NodeSelector is { } selector)
        {
            foreach (var (key, value) in selector)
            {
                if (NameRules.CheckQualifiedName(key) is { } e) errors.Invalid("spec.nodeSelector", key, e);
                if (NameRules.CheckLabelValue(value) is { } v) errors.Invalid("spec.nodeSelector", value, v);
            }
        }
    }

    protected override void ValidateUpdate(Pod pod, Pod old, FieldErrorList errors)
    {
        var spec = pod.Spec!;
        var oldSpec = old.Spec!;
        if (!string.IsNullOrEmpty(oldSpec.NodeName) && spec.NodeName != oldSpec.NodeName && !ReleasesNode(pod, old))
        {
            errors.Forbidden("spec.nodeName", "may not be changed once the pod is bound; use the binding subresource (only a VM pod with powerSpec: Shutdown may release its node, by clearing it)");
        }

        if ((spec.VirtualMachine is null) != (oldSpec.VirtualMachine is null))
        {
            errors.Forbidden("spec", "a pod may not change between containers and a virtualMachine");
        }

        var oldNames = (oldSpec.Containers ?? []).Select(c => c.Name).ToList();
        var newNames = (spec.Containers ?? []).Select(c => c.Name).ToList();
        if (!oldNames.SequenceEqual(newNames))
        {
            errors.Forbidden("spec.containers", "pod updates may not add or remove containers");
        }

        if (spec.VirtualMachine is { } vm && oldSpec.VirtualMachine is { } oldVm && vm.Name != oldVm.Name)
        {
            errors.Forbidden("spec.virtualMachine.name", "may not be changed");
        }
    }
}
