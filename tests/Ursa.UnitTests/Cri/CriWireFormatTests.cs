using Google.Protobuf;
using Ursa.Cri.V1;

namespace Ursa.UnitTests.Cri;

/// <summary>
/// Our api.proto is a hand-made subset of upstream's: these bytes are written from upstream's field numbers
/// (k8s.io/cri-api runtime/v1), so a renumbered or retyped field fails here instead of on a live containerd.
/// </summary>
public sealed class CriWireFormatTests
{
    public static TheoryData<string, IMessage, string> Messages => new()
    {
        // log_directory = 3, linux = 8 { cgroup_parent = 1 }
        { "PodSandboxConfig", new PodSandboxConfig { LogDirectory = "d", Linux = new() { CgroupParent = "p" } }, "1a0164 4203 0a0170" },
        // linux = 8 { security_context = 2 { namespace_options = 1 { network = 1: NODE(2) }, run_as_group = 8 { 7 } } }
        {
            "LinuxSandboxSecurityContext",
            new LinuxPodSandboxConfig { SecurityContext = new() { NamespaceOptions = new() { Network = NamespaceMode.Node }, RunAsGroup = new() { Value = 7 } } },
            "1208 0a02 0802 4202 0807"
        },
        // log_path = 11, tty = 14, linux = 15 { resources = 1 { memory_limit_in_bytes = 4, cpu_quota = 2 } }
        {
            "ContainerConfig",
            new ContainerConfig { LogPath = "l", Tty = true, Linux = new() { Resources = new() { MemoryLimitInBytes = 1, CpuQuota = 2 } } },
            "5a016c 7001 7a06 0a04 1002 2001"
        },
        // state = 3, started_at = 5, exit_code = 7, reason = 10, log_path = 15
        {
            "ContainerStatus",
            new ContainerStatus { State = ContainerState.ContainerExited, StartedAt = 4, ExitCode = 3, Reason = "r", LogPath = "p" },
            "1802 2804 3803 520172 7a0170"
        },
        // exit_code = 3
        { "ExecSyncResponse", new ExecSyncResponse { ExitCode = 1 }, "1801" },
        // image = 1 { image = 1 }, auth = 2 { auth = 3 }, sandbox_config = 3 { hostname = 2 }
        {
            "PullImageRequest",
            new PullImageRequest { Image = new() { Image = "i" }, Auth = new() { Auth = "a" }, SandboxConfig = new() { Hostname = "h" } },
            "0a030a0169 12031a0161 1a03120168"
        },
        // stats = 1 { memory = 3 { working_set_bytes = 2 { 9 } } }
        {
            "ContainerStatsResponse",
            new ContainerStatsResponse { Stats = new() { Memory = new() { WorkingSetBytes = new() { Value = 9 } } } },
            "0a06 1a04 1202 0809"
        },
    };

    [Theory]
    [MemberData(nameof(Messages))]
    public void Encode_UsesUpstreamFieldNumbers(string name, IMessage message, string hex)
    {
        string actual = Convert.ToHexStringLower(message.ToByteArray());

        Assert.True(hex.Replace(" ", "", StringComparison.Ordinal) == actual, $"{name}: expected {hex}, got {actual}");
    }
}
