using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Ursa.Cri.Vm;
using Ursa.Qmp;
using Ursa.Runtimes.Qemu.Console;
using Ursa.Runtimes.Qemu.Launch;
using Ursa.Runtimes.Qemu.Network;
using Ursa.Runtimes.Qemu.Sandboxes;

namespace Ursa.Runtimes.Qemu.Vms;

/// <summary>
/// One VM: its QEMU process, QMP connection and serial console, with its state driven by QMP events (STOP,
/// RESUME, SHUTDOWN, RESET) and by the connection closing when QEMU exits. Operations are serialized by one lock;
/// the event watcher only updates the record.
/// </summary>
public sealed partial class VmInstance : IAsyncDisposable
{
    private readonly VmRuntimeOptions _options;
    private readonly PodNetwork _network;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _operation = new(1, 1);
    private readonly SemaphoreSlim _state = new(1, 1);
    private IQmpClient? _qmp;
    private SerialConsole? _console;
    private Process? _process;
    private Task _watch = Task.CompletedTask;
    private TaskCompletionSource _exited = Completed();
    private volatile bool _stopping;
    private volatile bool _shutdownSeen;

    // A snapshot job stops the vCPUs while it runs and resumes them after: not a pause anyone asked for.
    private volatile bool _inSnapshotJob;

    internal VmInstance(VmRecord record, SandboxRecord sandbox, VmRuntimeOptions options, PodNetwork network, TimeProvider time, ILogger logger)
    {
        Record = record;
        Sandbox = sandbox;
        Paths = new VmPaths(options.RootDirectory, record.Id);
        Request = CreateVirtualMachineRequest.Parser.ParseFrom(record.Request);
        _options = options;
        _network = network;
        _time = time;
        _logger = logger;
    }

    public VmRecord Record { get; }

    public SandboxRecord Sandbox { get; }

    public VmPaths Paths { get; }

    /// <summary>What the VM was created from.</summary>
    public CreateVirtualMachineRequest Request { get; }

    public string Id => Record.Id;

    /// <summary>The live console, or null while QEMU does not run.</summary>
    public SerialConsole? Console => _console;

    /// <summary>The CRI log file the console is kept in (sandbox log directory + container log path), or null.</summary>
    public string? LogPath
    {
        get
        {
            var directory = Request.SandboxConfig?.LogDirectory;
            var relative = Request.Config?.LogPath;
            return string.IsNullOrEmpty(directory) || string.IsNullOrEmpty(relative) ? null : Path.Combine(directory, relative);
        }
    }

    /// <summary>Starts QEMU (a first start, or again after it exited: disks kept) and runs the guest.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await _operation.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (Record.Phase is VmPhase.Running or VmPhase.Paused)
            {
                return;
            }

            await LaunchAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _operation.Release();
        }
    }

    private async Task LaunchAsync(CancellationToken cancellationToken)
    {
        var again = Record.StartedAt is not null;
        await UpdateAsync(r =>
        {
            if (r.PendingVcpus > 0)
            {
                r.Vcpus = r.PendingVcpus;
            }

            if (r.PendingMemoryBytes > 0)
            {
                r.MemoryBytes = r.PendingMemoryBytes;
            }

            r.PendingVcpus = 0;
            r.PendingMemoryBytes = 0;
            r.Dimms.Clear();
            // Whatever was hot-plugged on a hotplugN port comes back on a port of its own (QemuCommandLine).
            r.Nics = [.. r.Nics.Select(n => n with { Port = 0 })];
            r.Disks = [.. r.Disks.Select(d => d with { Port = 0 })];
        }, cancellationToken).ConfigureAwait(false);

        foreach (var nic in Record.Nics)
        {
            await _network.AddTapAsync(Sandbox.Namespace!, nic.TapName, cancellationToken).ConfigureAwait(false);
        }

        var vm = Request.Vm;
        // Memory up to the hot-add ceiling plus QEMU's own overhead.
        var cgroup = VmCgroup.Create(Request.SandboxConfig?.Linux?.CgroupParent, Id, CpuLimitMillis, MaxMemoryBytes + vm.OverheadMemoryBytes);
        Directory.CreateDirectory(Paths.SocketDirectory);
        File.Delete(Paths.QmpSocket);
        File.Delete(Paths.SerialSocket);
        File.Delete(Paths.PidFile);
        var spec = LaunchSpec();
        _stopping = false;
        _shutdownSeen = false;
        _exited = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var process = QemuLauncher.Start(_options.QemuBinary, QemuCommandLine.Build(spec), cgroup.ProcsFiles, Sandbox.Namespace is null ? null : "/var/run/netns/" + Sandbox.Namespace, Paths.QemuLog);
        _process = process;
        IQmpClient qmp;
        try
        {
            qmp = await ConnectQmpAsync(process, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            KillQuietly(process.Id);
            _exited.TrySetResult();
            await UpdateAsync(r =>
            {
                r.Phase = VmPhase.Exited;
                r.FinishedAt = _time.GetUtcNow();
                r.Reason = "StartError";
                r.Message = QemuLogTail();
                r.ExitCode = 128;
            }, CancellationToken.None).ConfigureAwait(false);
            cgroup.Remove();
            throw;
        }

        await AttachAsync(qmp, process.Id, cancellationToken).ConfigureAwait(false);
        await qmp.ContAsync(cancellationToken).ConfigureAwait(false);
        await UpdateAsync(r =>
        {
            r.Phase = VmPhase.Running;
            r.Pid = process.Id;
            r.Accelerator = spec.Accelerator == QemuAccelerator.Kvm ? "kvm" : "tcg";
            r.StartedAt = _time.GetUtcNow();
            r.FinishedAt = null;
            r.BootedAt = null;
            r.Reason = null;
            r.Message = null;
            r.ExitCode = 0;
            if (again)
            {
                r.RestartCount++;
            }
        }, cancellationToken).ConfigureAwait(false);
        Log.Started(_logger, Id, Record.Vcpus, Record.MemoryBytes >> 20, process.Id);
    }

    /// <summary>Memory the guest may grow to (hot-add room reserved at start, from the memory it started with).</summary>
    private long MaxMemoryBytes => Math.Max(Request.Vm.MaxMemoryBytes, BootMemoryBytes * Math.Max(1, _options.DefaultMaxMemoryFactor));

    /// <summary>The memory QEMU started with (<c>-m</c>): all of it but the DIMMs hot-added since.</summary>
    private long BootMemoryBytes => Record.MemoryBytes - Record.Dimms.Sum();

    /// <summary>The cgroup's CPU limit for the vCPUs the VM has now.</summary>
    private long CpuLimitMillis => VmCgroup.CpuLimitFor(Request.Vm.CpuLimitMillis, Request.Vm.Vcpus, Record.Vcpus);

    private QemuLaunchSpec LaunchSpec()
    {
        var vm = Request.Vm;
        var format = File.Exists(Paths.RootDisk) ? "qcow2" : "raw";
        var disks = new List<QemuDisk>();
        if (File.Exists(Paths.Seed))
        {
            disks.Add(new QemuDisk("cidata", Paths.Seed, "raw", ReadOnly: true));
        }

        disks.AddRange(Record.Disks.Select(ToQemuDisk));
        return new QemuLaunchSpec
        {
            Name = string.IsNullOrEmpty(vm.Name) ? Id[..12] : vm.Name,
            Binary = _options.QemuBinary,
            Accelerator = _options.Accelerator,
            Vcpus = Record.Vcpus,
            MaxVcpus = Math.Max(Record.Vcpus, vm.MaxVcpus > 0 ? vm.MaxVcpus : _options.DefaultMaxVcpus),
            MemoryMiB = BootMemoryBytes >> 20,
            MaxMemoryMiB = MaxMemoryBytes >> 20,
            QmpSocket = Paths.QmpSocket,
            SerialSocket = Paths.SerialSocket,
            PidFile = Paths.PidFile,
            RootDisk = new QemuDisk("root", Paths.RootDisk, format),
            Disks = disks,
            Nics = [.. Record.Nics.Select(ToQemuNic)],
            Kernel = string.IsNullOrEmpty(vm.Kernel) ? null : vm.Kernel,
            Initrd = string.IsNullOrEmpty(vm.Initrd) ? null : vm.Initrd,
            KernelArgs = string.IsNullOrEmpty(vm.KernelArgs) ? null : vm.KernelArgs,
        };
    }

    private static string DetectFormat(string path)
    {
        Span<byte> magic = stackalloc byte[4];
        try
        {
            using var file = File.OpenRead(path);
            return file.Read(magic) == 4 && magic.SequenceEqual("QFI\xfb"u8) ? "qcow2" : "raw";
        }
        catch (IOException)
        {
            return "raw";
        }
    }

    private async Task<IQmpClient> ConnectQmpAsync(Process process, CancellationToken cancellationToken)
    {
        var deadline = _time.GetUtcNow() + _options.LaunchTimeout;
        while (true)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"QEMU exited at start (status {process.ExitCode}): {QemuLogTail()}");
            }

            if (File.Exists(Paths.QmpSocket))
            {
                try
                {
                    return await QmpClient.ConnectAsync(Paths.QmpSocket, _logger, _time, cancellationToken).ConfigureAwait(false);
                }
                catch (QmpConnectionException) when (_time.GetUtcNow() < deadline)
                {
                }
            }

            if (_time.GetUtcNow() >= deadline)
            {
                throw new TimeoutException($"QEMU did not open its QMP socket within {_options.LaunchTimeout.TotalSeconds:0} s: {QemuLogTail()}");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(20), _time, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Takes over a QEMU (just started, or found running after the runtime restarted): events, console.</summary>
    private async Task AttachAsync(IQmpClient qmp, int pid, CancellationToken cancellationToken)
    {
        _qmp = qmp;
        var events = qmp.ReadEventsAsync(CancellationToken.None);
        try
        {
            _console = await SerialConsole.ConnectAsync(Paths.SerialSocket, LogPath, _time, _logger, cancellationToken).ConfigureAwait(false);
            _console.Booted += OnBooted;
        }
        catch (System.Net.Sockets.SocketException e)
        {
            Log.NoConsole(_logger, Id, e.Message);
        }

        _watch = Task.Run(() => WatchAsync(events, pid), CancellationToken.None);
    }

    private void OnBooted()
    {
        _ = UpdateAsync(r => r.BootedAt ??= _time.GetUtcNow(), CancellationToken.None);
        Log.Booted(_logger, Id);
    }

    /// <summary>Runs <paramref name="change"/> on the record under the state lock and saves it.</summary>
    internal async Task UpdateAsync(Action<VmRecord> change, CancellationToken cancellationToken)
    {
        await _state.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            change(Record);
            await StateFile.WriteAsync(Paths.State, Record, VmRecordJsonContext.Default.VmRecord, CancellationToken.None).ConfigureAwait(false);
        }
        finally
        {
            _state.Release();
        }
    }

    private string QemuLogTail()
    {
        try
        {
            var text = File.ReadAllText(Paths.QemuLog).Trim();
            return text.Length <= 500 ? text : "..." + text[^500..];
        }
        catch (IOException)
        {
            return "(no QEMU log)";
        }
    }

    private static void KillQuietly(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            process.Kill();
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
        {
        }
    }

    private static TaskCompletionSource Completed()
    {
        var done = new TaskCompletionSource();
        done.SetResult();
        return done;
    }

    public async ValueTask DisposeAsync()
    {
        // The runtime is going away; QEMU keeps running and is adopted by the next runtime.
        if (_console is not null)
        {
            await _console.DisposeAsync().ConfigureAwait(false);
        }

        if (_qmp is not null)
        {
            await _qmp.DisposeAsync().ConfigureAwait(false);
        }

        _process?.Dispose();
    }
}
