using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Ursa.Api.Serialization;
using Ursa.Cri.V1;
using Container = Ursa.Api.Core.Container;

namespace Ursa.NodeAgent.Pods;

/// <summary>
/// Pure: one container of a pod → its CRI <see cref="ContainerConfig"/>: command and args with <c>$(VAR)</c>
/// references expanded, environment (values and the downward-API fields a node knows), mounts of emptyDir and
/// hostPath volumes, log path <c>NAME/ATTEMPT.log</c>, resources, labels that find it again.
/// </summary>
public static class ContainerConfigFactory
{
    /// <summary>What the factory needs besides the pod.</summary>
    /// <param name="Attempt">Restart count of this container so far (CRI metadata attempt).</param>
    /// <param name="Image">The image reference or ID to run (what the pull returned).</param>
    /// <param name="RootDirectory">Agent root, for emptyDir volumes.</param>
    /// <param name="PodIp">The sandbox's IP, for <c>status.podIP</c> references.</param>
    /// <param name="HostIp">The node's address.</param>
    /// <param name="NodeMemoryBytes">For the OOM score of Burstable pods.</param>
    public sealed record Context(uint Attempt, string Image, string RootDirectory, string PodIp, string HostIp, long NodeMemoryBytes);

    /// <exception cref="ContainerConfigException">The spec refers to something this node cannot provide (an
    /// unknown volume, a configMap or secret source).</exception>
    public static ContainerConfig Create(Pod pod, Container container, Context context)
    {
        ArgumentNullException.ThrowIfNull(pod);
        ArgumentNullException.ThrowIfNull(container);
        ArgumentNullException.ThrowIfNull(context);
        var env = Environment(pod, container, context);
        var config = new ContainerConfig
        {
            Metadata = new ContainerMetadata { Name = container.Name ?? string.Empty, Attempt = context.Attempt },
            Image = new ImageSpec { Image = context.Image },
            WorkingDir = container.WorkingDir ?? string.Empty,
            LogPath = PodPaths.RelativeLogPath(container.Name ?? string.Empty, context.Attempt),
            Stdin = container.Stdin == true,
            StdinOnce = container.StdinOnce == true,
            Tty = container.Tty == true,
            Linux = new LinuxContainerConfig
            {
                Resources = ContainerResourcesFactory.Create(pod, container, context.NodeMemoryBytes),
                SecurityContext = new LinuxContainerSecurityContext
                {
                    Privileged = container.SecurityContext?.Privileged == true,
                    ReadonlyRootfs = container.SecurityContext?.ReadOnlyRootFilesystem == true,
                    NamespaceOptions = new NamespaceOption
                    {
                        Network = pod.Spec?.HostNetwork == true ? NamespaceMode.Node : NamespaceMode.Pod,
                        Pid = pod.Spec?.HostPID == true ? NamespaceMode.Node : pod.Spec?.ShareProcessNamespace == true ? NamespaceMode.Pod : NamespaceMode.Container,
                        Ipc = pod.Spec?.HostIPC == true ? NamespaceMode.Node : NamespaceMode.Pod,
                    },
                },
            },
        };
        if ((container.SecurityContext?.RunAsUser ?? pod.Spec?.SecurityContext?.RunAsUser) is { } uid)
        {
            config.Linux.SecurityContext.RunAsUser = new Int64Value { Value = uid };
        }

        if ((container.SecurityContext?.RunAsGroup ?? pod.Spec?.SecurityContext?.RunAsGroup) is { } gid)
        {
            config.Linux.SecurityContext.RunAsGroup = new Int64Value { Value = gid };
        }

        config.Command.Add((container.Command ?? []).Select(a => Expand(a, env)));
        config.Args.Add((container.Args ?? []).Select(a => Expand(a, env)));
        config.Envs.Add(env.Select(kv => new KeyValue { Key = kv.Key, Value = kv.Value }));
        config.Mounts.Add(Mounts(pod, container, context.RootDirectory));
        config.Labels.Add(SandboxConfigFactory.Labels(pod));
        config.Labels[CriLabels.ContainerName] = container.Name ?? string.Empty;
        config.Annotations[CriLabels.GracePeriod] = (pod.Spec?.TerminationGracePeriodSeconds ?? 30).ToString(System.Globalization.CultureInfo.InvariantCulture);
        config.Annotations[CriLabels.SpecHash] = SpecHash(container);
        return config;
    }

    /// <summary>A short hash of the container's spec; a running container whose hash differs is replaced.</summary>
    public static string SpecHash(Container container)
    {
        var json = JsonSerializer.SerializeToUtf8Bytes(container, UrsaJsonContext.Default.Container);
        return Convert.ToHexStringLower(SHA256.HashData(json).AsSpan(0, 8));
    }

    /// <summary>Kubernetes' <c>$(VAR)</c> expansion: defined names are replaced, <c>$$</c> escapes a dollar,
    /// anything else stays as written.</summary>
    public static string Expand(string text, IReadOnlyDictionary<string, string> env)
    {
        if (!text.Contains('$', StringComparison.Ordinal)) return text;
        var result = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '$' && i + 1 < text.Length && text[i + 1] == '$')
            {
                result.Append('$');
                i++;
            }
            else if (text[i] == '$' && i + 1 < text.Length && text[i + 1] == '(' && text.IndexOf(')', i + 2) is var end and > 0
                && env.TryGetValue(text[(i + 2)..end], out var value))
            {
                result.Append(value);
                i = end;
            }
            else
            {
                result.Append(text[i]);
            }
        }

        return result.ToString();
    }

    private static Dictionary<string, string> Environment(Pod pod, Container container, Context context)
    {
        var env = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var variable in container.Env ?? [])
        {
            if (variable.Name is not { Length: > 0 } name) continue;
            if (variable.ValueFrom?.FieldRef?.FieldPath is { } path)
            {
                env[name] = FieldValue(pod, path, context) ?? throw new ContainerConfigException($"env {name}: field {path} is not supported by this node");
            }
            else if (variable.ValueFrom is { ConfigMapKeyRef: not null } or { SecretKeyRef: not null })
            {
                throw new ContainerConfigException($"env {name}: configMap and secret sources are not supported yet");
            }
            else
            {
                env[name] = Expand(variable.Value ?? string.Empty, env);
            }
        }

        return env;
    }

    private static string? FieldValue(Pod pod, string path, Context context) => path switch
    {
        "metadata.name" => pod.Metadata.Name,
        "metadata.namespace" => pod.Metadata.Namespace,
        "metadata.uid" => pod.Metadata.Uid,
        "metadata.tenant" => pod.Metadata.Tenant,
        "spec.nodeName" => pod.Spec?.NodeName,
        "spec.serviceAccountName" => pod.Spec?.ServiceAccountName ?? "default",
        "status.podIP" => context.PodIp,
        "status.hostIP" => context.HostIp,
        _ when path.StartsWith("metadata.labels['", StringComparison.Ordinal) && path.EndsWith("']", StringComparison.Ordinal)
            => pod.Metadata.Labels?.GetValueOrDefault(path["metadata.labels['".Length..^2]) ?? string.Empty,
        _ when path.StartsWith("metadata.annotations['", StringComparison.Ordinal) && path.EndsWith("']", StringComparison.Ordinal)
            => pod.Metadata.Annotations?.GetValueOrDefault(path["metadata.annotations['".Length..^2]) ?? string.Empty,
        _ => null,
    };

    private static IEnumerable<Mount> Mounts(Pod pod, Container container, string root)
    {
        foreach (var mount in container.VolumeMounts ?? [])
        {
            var volume = pod.Spec?.Volumes?.FirstOrDefault(v => v.Name == mount.Name)
                ?? throw new ContainerConfigException($"volumeMount {mount.Name}: no volume of that name in the pod");
            var hostPath = volume switch
            {
                { EmptyDir: not null } => PodPaths.VolumeDirectory(root, pod, volume.Name!),
                { HostPath.Path: { } path } => path,
                _ => throw new ContainerConfigException($"volume {volume.Name}: only emptyDir and hostPath volumes are supported on this node"),
            };
            if (mount.SubPath is { Length: > 0 } sub)
            {
                hostPath = Path.Combine(hostPath, sub);
            }

            yield return new Mount
            {
                ContainerPath = mount.MountPath ?? string.Empty,
                HostPath = hostPath,
                Readonly = mount.ReadOnly == true,
            };
        }
    }
}
