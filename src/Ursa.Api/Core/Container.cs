using System.Text.Json.Serialization;
using Ursa.Api.Schema;

namespace Ursa.Api.Core;

/// <summary>A container of a pod.</summary>
public sealed class Container
{
    /// <summary>Name, unique within the pod (DNS label).</summary>
    [Required]
    [JsonPropertyName("name")]
    public string? Name { get; set; }

    /// <summary>Image reference.</summary>
    [JsonPropertyName("image")]
    public string? Image { get; set; }

    /// <summary>Entrypoint; replaces the image's ENTRYPOINT.</summary>
    [JsonPropertyName("command")]
    public List<string>? Command { get; set; }

    /// <summary>Arguments; replace the image's CMD.</summary>
    [JsonPropertyName("args")]
    public List<string>? Args { get; set; }

    /// <summary>Working directory.</summary>
    [JsonPropertyName("workingDir")]
    public string? WorkingDir { get; set; }

    /// <summary>Ports the container exposes.</summary>
    [PatchMergeKey("containerPort")]
    [PatchStrategy("merge")]
    [JsonPropertyName("ports")]
    public List<ContainerPort>? Ports { get; set; }

    /// <summary>Sources of environment variables.</summary>
    [JsonPropertyName("envFrom")]
    public List<EnvFromSource>? EnvFrom { get; set; }

    /// <summary>Environment variables.</summary>
    [PatchMergeKey("name")]
    [PatchStrategy("merge")]
    [JsonPropertyName("env")]
    public List<EnvVar>? Env { get; set; }

    /// <summary>Compute resource requests and limits.</summary>
    [JsonPropertyName("resources")]
    public ResourceRequirements? Resources { get; set; }

    /// <summary>Volumes mounted into the container.</summary>
    [PatchMergeKey("mountPath")]
    [PatchStrategy("merge")]
    [JsonPropertyName("volumeMounts")]
    public List<VolumeMount>? VolumeMounts { get; set; }

    /// <summary>Block volumes exposed as devices.</summary>
    [PatchMergeKey("devicePath")]
    [PatchStrategy("merge")]
    [JsonPropertyName("volumeDevices")]
    public List<VolumeDevice>? VolumeDevices { get; set; }

    /// <summary>Restarts the container when it fails.</summary>
    [JsonPropertyName("livenessProbe")]
    public Probe? LivenessProbe { get; set; }

    /// <summary>Removes the pod from service when it fails.</summary>
    [JsonPropertyName("readinessProbe")]
    public Probe? ReadinessProbe { get; set; }

    /// <summary>Holds other probes until the container has started.</summary>
    [JsonPropertyName("startupProbe")]
    public Probe? StartupProbe { get; set; }

    /// <summary>Hooks run after start and before stop.</summary>
    [JsonPropertyName("lifecycle")]
    public Lifecycle? Lifecycle { get; set; }

    /// <summary>File the termination message is read from.</summary>
    [JsonPropertyName("terminationMessagePath")]
    public string? TerminationMessagePath { get; set; }

    /// <summary>File or FallbackToLogsOnError.</summary>
    [JsonPropertyName("terminationMessagePolicy")]
    public string? TerminationMessagePolicy { get; set; }

    /// <summary>Always, IfNotPresent or Never. Default IfNotPresent (Always for :latest).</summary>
    [JsonPropertyName("imagePullPolicy")]
    public string? ImagePullPolicy { get; set; }

    /// <summary>Container security attributes.</summary>
    [JsonPropertyName("securityContext")]
    public SecurityContext? SecurityContext { get; set; }

    /// <summary>Allocate a stdin buffer.</summary>
    [JsonPropertyName("stdin")]
    public bool? Stdin { get; set; }

    /// <summary>Close stdin after the first attach ends.</summary>
    [JsonPropertyName("stdinOnce")]
    public bool? StdinOnce { get; set; }

    /// <summary>Allocate a TTY.</summary>
    [JsonPropertyName("tty")]
    public bool? Tty { get; set; }
}
