namespace Ursa.Runtimes.Qemu.Sandboxes;

/// <summary>A VM pod sandbox: the pod's network namespace and address, and the config it was created from.</summary>
public sealed class SandboxRecord
{
    public required string Id { get; init; }

    /// <summary>The PodSandboxConfig, protobuf bytes.</summary>
    public required byte[] Config { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public bool Ready { get; set; }

    public string? Namespace { get; set; }

    public string? Address { get; set; }

    public int PrefixLength { get; set; }

    public string? Gateway { get; set; }
}
