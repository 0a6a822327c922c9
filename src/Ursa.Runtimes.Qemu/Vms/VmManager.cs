using System.Collections.Concurrent;
using System.Security.Cryptography;
using Google.Protobuf;
using Microsoft.Extensions.Logging;
using Ursa.Cri.V1;
using Ursa.Cri.Vm;
using Ursa.Grpc;
using Ursa.Runtimes.Qemu.Images;
using Ursa.Runtimes.Qemu.Network;
using Ursa.Runtimes.Qemu.Sandboxes;
using Ursa.Runtimes.Qemu.Seed;

namespace Ursa.Runtimes.Qemu.Vms;

/// <summary>
/// The runtime's sandboxes and VMs: creates and removes them, finds them by id, and on start re-adopts the VMs
/// an earlier runtime left running. What the CRI and the VM service call.
/// </summary>
public sealed partial class VmManager : IAsyncDisposable
{
    private readonly VmRuntimeOptions _options;
    private readonly IDiskImageStore _images;
    private readonly ISeedBuilder _seeds;
    private readonly PodNetwork _network;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<string, SandboxRecord> _sandboxes = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, VmInstance> _vms = new(StringComparer.Ordinal);

    public VmManager(VmRuntimeOptions options, IDiskImageStore images, ISeedBuilder seeds, PodNetwork network, ICommandRunner runner, TimeProvider time, ILogger logger)
    {
        _options = options;
        _images = images;
        _seeds = seeds;
        _network = network;
        Runner = runner;
        _time = time;
        _logger = logger;
    }

    /// <summary>Runs qemu-img and friends.</summary>
    public ICommandRunner Runner { get; }

    public IReadOnlyCollection<SandboxRecord> Sandboxes => [.. _sandboxes.Values];

    public IReadOnlyCollection<VmInstance> Vms => [.. _vms.Values];

    /// <summary>Loads what an earlier runtime left and re-adopts VMs whose QEMU still runs.</summary>
    public async Task LoadAsync(CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(_options.SandboxesDirectory);
        Directory.CreateDirectory(_options.VmsDirectory);
        foreach (var file in Directory.EnumerateFiles(_options.SandboxesDirectory, "*.json"))
        {
            if (StateFile.Read(file, VmRecordJsonContext.Default.SandboxRecord) is { } sandbox)
            {
                _sandboxes[sandbox.Id] = sandbox;
            }
        }

        foreach (var dir in Directory.EnumerateDirectories(_options.VmsDirectory))
        {
            if (StateFile.Read(Path.Combine(dir, "state.json"), VmRecordJsonContext.Default.VmRecord) is not { } record)
            {
                continue;
            }

            if (!_sandboxes.TryGetValue(record.SandboxId, out var sandbox))
            {
                Log.Orphan(_logger, record.Id, record.SandboxId);
                continue;
            }

            var vm = new VmInstance(record, sandbox, _options, _network, _time, _logger);
            _vms[vm.Id] = vm;
            await vm.AdoptAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Creates a sandbox: the pod's network namespace on the pod network.</summary>
    public async Task<SandboxRecord> RunSandboxAsync(PodSandboxConfig config, CancellationToken cancellationToken)
    {
        var id = NewId();
        var attachment = await _network.SetUpAsync(id, cancellationToken).ConfigureAwait(false);
        var sandbox = new SandboxRecord
        {
            Id = id,
            Config = config.ToByteArray(),
            CreatedAt = _time.GetUtcNow(),
            Ready = true,
            Namespace = attachment.Namespace,
            Address = attachment.Address,
            PrefixLength = attachment.PrefixLength,
            Gateway = attachment.Gateway,
        };
        await SaveAsync(sandbox, cancellationToken).ConfigureAwait(false);
        _sandboxes[id] = sandbox;
        return sandbox;
    }

    /// <summary>Stops a sandbox's VMs (hard) and releases its network; idempotent.</summary>
    public async Task StopSandboxAsync(string id, CancellationToken cancellationToken)
    {
        if (!_sandboxes.TryGetValue(id, out var sandbox))
        {
            return;
        }

        foreach (var vm in _vms.Values.Where(v => v.Record.SandboxId == id))
        {
            await vm.StopAsync(TimeSpan.Zero, cancellationToken).ConfigureAwait(false);
        }

        if (sandbox.Ready)
        {
            await _network.TearDownAsync(id, cancellationToken).ConfigureAwait(false);
            sandbox.Ready = false;
            await SaveAsync(sandbox, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Removes a sandbox and its VMs; idempotent.</summary>
    public async Task RemoveSandboxAsync(string id, CancellationToken cancellationToken)
    {
        await StopSandboxAsync(id, cancellationToken).ConfigureAwait(false);
        foreach (var vm in _vms.Values.Where(v => v.Record.SandboxId == id).ToList())
        {
            await RemoveVmAsync(vm.Id, cancellationToken).ConfigureAwait(false);
        }

        _sandboxes.TryRemove(id, out _);
        File.Delete(Path.Combine(_options.SandboxesDirectory, id + ".json"));
    }

    /// <summary>The sandbox <paramref name="id"/> or NotFound.</summary>
    public SandboxRecord Sandbox(string id) => _sandboxes.TryGetValue(id, out var sandbox)
        ? sandbox
        : throw new GrpcException(GrpcStatusCode.NotFound, $"pod sandbox {id} not found");

    /// <summary>The VM <paramref name="id"/> or NotFound.</summary>
    public VmInstance Vm(string id) => _vms.TryGetValue(id, out var vm)
        ? vm
        : throw new GrpcException(GrpcStatusCode.NotFound, $"virtual machine {id} not found");

    /// <summary>Creates a VM in a ready sandbox: its disk overlay on the pulled image, its NoCloud seed, its NICs.</summary>
    public async Task<VmInstance> CreateVmAsync(CreateVirtualMachineRequest request, CancellationToken cancellationToken)
    {
        var sandbox = Sandbox(request.PodSandboxId);
        if (!sandbox.Ready)
        {
            throw new GrpcException(GrpcStatusCode.FailedPrecondition, $"pod sandbox {sandbox.Id} is not ready");
        }

        var config = request.Vm ?? throw new GrpcException(GrpcStatusCode.InvalidArgument, "vm: required");
        if (config.Vcpus < 1 || config.MemoryBytes < (16 << 20))
        {
            throw new GrpcException(GrpcStatusCode.InvalidArgument, $"vm: needs at least 1 vCPU and 16 MiB (got {config.Vcpus} vCPU, {config.MemoryBytes} bytes)");
        }

        var reference = config.Image?.Image ?? string.Empty;
        var image = _images.Status(reference)
            ?? throw new GrpcException(GrpcStatusCode.FailedPrecondition, $"image \"{reference}\" is not present: pull it first");
        var id = NewId();
        var paths = new VmPaths(_options.RootDirectory, id);
        Directory.CreateDirectory(paths.Directory);
        await _images.CreateOverlayAsync(image, paths.RootDisk, null, cancellationToken).ConfigureAwait(false);
        var primary = new VmNicRecord("eth0", MacFor(id, "eth0"), "tap0", 0);
        var nics = new List<VmNicRecord> { primary };
        nics.AddRange(config.Nics.Where(n => n.Name != "eth0").Select((n, i) => new VmNicRecord(n.Name, string.IsNullOrEmpty(n.MacAddress) ? MacFor(id, n.Name) : n.MacAddress, $"tap{i + 1}", 0)));
        var hostname = string.IsNullOrEmpty(config.Hostname) ? config.Name : config.Hostname;
        var seed = new NoCloudSeed(
            InstanceId: request.SandboxConfig?.Metadata?.Uid is { Length: > 0 } uid ? uid : id,
            Hostname: hostname,
            UserData: config.UserData.IsEmpty ? null : config.UserData.ToByteArray(),
            UserDataScript: string.IsNullOrEmpty(config.UserDataScript) ? null : config.UserDataScript,
            SshPublicKeys: [.. config.SshPublicKeys],
            Network: sandbox.Address is null ? null : new SeedNetwork(primary.MacAddress, $"{sandbox.Address}/{sandbox.PrefixLength}", null));
        await _seeds.BuildAsync(seed, paths.Seed, cancellationToken).ConfigureAwait(false);
        var record = new VmRecord
        {
            Id = id,
            SandboxId = sandbox.Id,
            Request = request.ToByteArray(),
            Phase = VmPhase.Created,
            CreatedAt = _time.GetUtcNow(),
            Vcpus = config.Vcpus,
            MemoryBytes = config.MemoryBytes,
            Nics = nics,
            Disks = [.. config.Disks.Select(d => new VmDiskRecord(d.Name, d.HostPath, d.ReadOnly, d.DevicePath, 0))],
        };
        await StateFile.WriteAsync(paths.State, record, VmRecordJsonContext.Default.VmRecord, cancellationToken).ConfigureAwait(false);
        var vm = new VmInstance(record, sandbox, _options, _network, _time, _logger);
        _vms[id] = vm;
        return vm;
    }

    /// <summary>Stops (hard) and deletes a VM with its disks and snapshots; idempotent.</summary>
    public async Task RemoveVmAsync(string id, CancellationToken cancellationToken)
    {
        if (!_vms.TryGetValue(id, out var vm))
        {
            return;
        }

        await vm.StopAsync(TimeSpan.Zero, cancellationToken).ConfigureAwait(false);
        _vms.TryRemove(id, out _);
        await vm.DisposeAsync().ConfigureAwait(false);
        if (vm.Sandbox.Namespace is { } ns)
        {
            foreach (var nic in vm.Record.Nics)
            {
                await _network.RemoveTapAsync(ns, nic.TapName, cancellationToken).ConfigureAwait(false);
            }
        }

        Directory.Delete(vm.Paths.Directory, recursive: true);
        File.Delete(vm.Paths.QmpSocket);
        File.Delete(vm.Paths.SerialSocket);
    }

    /// <summary>A locally administered unicast MAC derived from the VM and NIC (stable across restarts).</summary>
    public static string MacFor(string vmId, string nic)
    {
        var hash = SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(vmId + "/" + nic));
        return $"52:54:00:{hash[0]:x2}:{hash[1]:x2}:{hash[2]:x2}";
    }

    private static string NewId() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));

    private Task SaveAsync(SandboxRecord sandbox, CancellationToken cancellationToken) =>
        StateFile.WriteAsync(Path.Combine(_options.SandboxesDirectory, sandbox.Id + ".json"), sandbox, VmRecordJsonContext.Default.SandboxRecord, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        foreach (var vm in _vms.Values)
        {
            await vm.DisposeAsync().ConfigureAwait(false);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(730, LogLevel.Warning, "VM {Vm} belongs to sandbox {Sandbox}, which is gone: left alone")]
        public static partial void Orphan(ILogger logger, string vm, string sandbox);
    }
}
