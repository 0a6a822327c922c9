using Ursa.ApiServer.Validation;

namespace Ursa.ApiServer.Resources.Strategies;

public sealed partial class PodStrategy
{
    private static void ValidateContainers(List<Container>? containers, string path, HashSet<string> names, FieldErrorList errors)
    {
        if (containers is null)
        {
            return;
        }

        for (var i = 0; i < containers.Count; i++)
        {
            var c = containers[i];
            var at = $"{path}[{i}]";
            if (string.IsNullOrEmpty(c.Name))
            {
                errors.Required($"{at}.name");
            }
            else if (NameRules.CheckDns1123Label(c.Name) is { } nameError)
            {
                errors.Invalid($"{at}.name", c.Name, nameError);
            }
            else if (!names.Add(c.Name))
            {
                errors.Duplicate($"{at}.name", c.Name);
            }

            if (string.IsNullOrWhiteSpace(c.Image))
            {
                errors.Required($"{at}.image");
            }

            if (c.ImagePullPolicy is { } pull && !PullPolicies.Contains(pull))
            {
                errors.NotSupported($"{at}.imagePullPolicy", pull, PullPolicies);
            }

            QuantityFormat.ValidateResourceList(c.Resources?.Requests, $"{at}.resources.requests", errors);
            QuantityFormat.ValidateResourceList(c.Resources?.Limits, $"{at}.resources.limits", errors);
            ValidatePorts(c.Ports, at, errors);
            ValidateEnv(c.Env, at, errors);
            foreach (var (mount, j) in (c.VolumeMounts ?? []).Select((m, j) => (m, j)))
            {
                if (string.IsNullOrEmpty(mount.Name)) errors.Required($"{at}.volumeMounts[{j}].name");
                if (string.IsNullOrEmpty(mount.MountPath)) errors.Required($"{at}.volumeMounts[{j}].mountPath");
            }
        }
    }

    private static void ValidatePorts(List<ContainerPort>? ports, string at, FieldErrorList errors)
    {
        foreach (var (port, j) in (ports ?? []).Select((p, j) => (p, j)))
        {
            if (port.Number is not (>= 1 and <= 65535))
            {
                errors.Invalid($"{at}.ports[{j}].containerPort", port.Number, "must be between 1 and 65535, inclusive");
            }

            if (port.Protocol is { } protocol && protocol is not ("TCP" or "UDP" or "SCTP"))
            {
                errors.NotSupported($"{at}.ports[{j}].protocol", protocol, ["SCTP", "TCP", "UDP"]);
            }
        }
    }

    private static void ValidateEnv(List<EnvVar>? env, string at, FieldErrorList errors)
    {
        foreach (var (variable, j) in (env ?? []).Select((e, j) => (e, j)))
        {
            if (string.IsNullOrEmpty(variable.Name))
            {
                errors.Required($"{at}.env[{j}].name");
            }
            else if (variable.Name.Contains('='))
            {
                errors.Invalid($"{at}.env[{j}].name", variable.Name, "a valid environment variable name must not contain '='");
            }
        }
    }

    private static void ValidateVirtualMachine(VirtualMachine vm, List<Volume>? volumes, FieldErrorList errors)
    {
        const string at = "spec.virtualMachine";
        if (string.IsNullOrEmpty(vm.Name))
        {
            errors.Required($"{at}.name");
        }
        else if (NameRules.CheckDns1123Label(vm.Name) is { } nameError)
        {
            errors.Invalid($"{at}.name", vm.Name, nameError);
        }

        if (string.IsNullOrWhiteSpace(vm.Image))
        {
            errors.Required($"{at}.image");
        }

        // Accepted by the schema (Arktos has them) but not implemented by the node: refused rather than ignored.
        if (!string.IsNullOrEmpty(vm.BootVolume))
        {
            errors.Forbidden($"{at}.bootVolume", "booting from a volume is not supported yet: use image (an http(s) disk image or an OCI container disk)");
        }

        if (!string.IsNullOrEmpty(vm.KeyPairName))
        {
            errors.Forbidden($"{at}.keyPairName", "key pairs are not supported yet: put the SSH public key in publicKey");
        }

        if (vm.ImagePullPolicy is { } pull && !PullPolicies.Contains(pull))
        {
            errors.NotSupported($"{at}.imagePullPolicy", pull, PullPolicies);
        }

        if (vm.PowerSpec is { } power && !PowerSpecs.Contains(power))
        {
            errors.NotSupported($"{at}.powerSpec", power, PowerSpecs);
        }

        if (vm.ShutdownBehavior is { } behavior && behavior is not ("stop" or "terminate"))
        {
            errors.NotSupported($"{at}.shutdownBehavior", behavior, ["stop", "terminate"]);
        }

        if (vm.UserData is { } userData)
        {
            if (userData.Length > MaxUserDataLength)
            {
                errors.TooLong($"{at}.userData", MaxUserDataLength);
            }
            else if (!IsBase64(userData))
            {
                errors.Invalid($"{at}.userData", "<omitted>", "must be base64-encoded");
            }
        }

        QuantityFormat.ValidateResourceList(vm.Resources?.Requests, $"{at}.resources.requests", errors);
        QuantityFormat.ValidateResourceList(vm.Resources?.Limits, $"{at}.resources.limits", errors);
        var paths = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (device, j) in (vm.VolumeDevices ?? []).Select((d, j) => (d, j)))
        {
            if (string.IsNullOrEmpty(device.Name)) errors.Required($"{at}.volumeDevices[{j}].name");
            if (string.IsNullOrEmpty(device.DevicePath)) errors.Required($"{at}.volumeDevices[{j}].devicePath");
            else if (!paths.Add(device.DevicePath)) errors.Duplicate($"{at}.volumeDevices[{j}].devicePath", device.DevicePath);
            if (!string.IsNullOrEmpty(device.Name) && volumes?.FirstOrDefault(v => v.Name == device.Name) is not { HostPath.Path.Length: > 0 })
            {
                errors.Invalid($"{at}.volumeDevices[{j}].name", device.Name, "must name a hostPath volume of the pod (a disk image file or a block device)");
            }
        }
    }

    private static void ValidateNics(List<Nic>? nics, FieldErrorList errors)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (nic, j) in (nics ?? []).Select((n, j) => (n, j)))
        {
            if (string.IsNullOrEmpty(nic.Name)) errors.Required($"spec.nics[{j}].name");
            else if (!names.Add(nic.Name)) errors.Duplicate($"spec.nics[{j}].name", nic.Name);
            if (nic.IpAddress is { } ip && !System.Net.IPAddress.TryParse(ip, out _))
            {
                errors.Invalid($"spec.nics[{j}].ipAddress", ip, "must be a valid IP address");
            }
        }
    }

    private static void ValidateVolumes(List<Volume>? volumes, FieldErrorList errors)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (volume, j) in (volumes ?? []).Select((v, j) => (v, j)))
        {
            if (string.IsNullOrEmpty(volume.Name)) errors.Required($"spec.volumes[{j}].name");
            else if (NameRules.CheckDns1123Label(volume.Name) is { } e) errors.Invalid($"spec.volumes[{j}].name", volume.Name, e);
            else if (!names.Add(volume.Name)) errors.Duplicate($"spec.volumes[{j}].name", volume.Name);
        }
    }

    private static void ValidateTolerations(List<Toleration>? tolerations, FieldErrorList errors)
    {
        foreach (var (t, j) in (tolerations ?? []).Select((t, j) => (t, j)))
        {
            if (t.Operator is { } op && op is not ("Exists" or "Equal"))
            {
                errors.NotSupported($"spec.tolerations[{j}].operator", op, ["Equal", "Exists"]);
            }

            if (t.Effect is { Length: > 0 } effect && effect is not ("NoSchedule" or "PreferNoSchedule" or "NoExecute"))
            {
                errors.NotSupported($"spec.tolerations[{j}].effect", effect, ["NoExecute", "NoSchedule", "PreferNoSchedule"]);
            }
        }
    }

    private static bool IsBase64(string value)
    {
        var buffer = new byte[(value.Length * 3 / 4) + 3];
        return Convert.TryFromBase64String(value, buffer, out _);
    }
}
