using System.Diagnostics;
using System.Net.Sockets;
using Ursa.Qmp;
using Ursa.Runtimes.Qemu.Console;
using Ursa.Runtimes.Qemu.Launch;

namespace Ursa.Benchmarks.VmStartup;

/// <summary>
/// The baseline: the same disk image booted by a bare QEMU with the same machine (the VM runtime's own command
/// line, on a fresh overlay), timed from process start to the guest's prompt on its serial console. The guest gets
/// what the VM pod's guest got (a copy of its NoCloud seed and a NIC with its MAC, on a hub port going nowhere), so
/// both guests do the same work and the difference is Ursa's.
/// </summary>
public sealed class RawQemuBoot(string baseImage, string workDirectory, QemuAccelerator accelerator)
{
    public async Task<double> BootOnceAsync(string name, string seed, string macAddress, CancellationToken cancellationToken)
    {
        var dir = Path.Combine(workDirectory, name);
        Directory.CreateDirectory(dir);
        var overlay = Path.Combine(dir, "root.qcow2");
        using (var create = Process.Start("/usr/bin/qemu-img", ["create", "-q", "-f", "qcow2", "-F", "qcow2", "-b", baseImage, overlay])!)
        {
            await create.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        }

        var seedCopy = Path.Combine(dir, "seed.iso");
        File.Copy(seed, seedCopy);
        var spec = new QemuLaunchSpec
        {
            Name = name,
            Accelerator = accelerator,
            Vcpus = 1,
            MaxVcpus = 2,
            MemoryMiB = 192,
            MaxMemoryMiB = 768,
            QmpSocket = Path.Combine(dir, "qmp.sock"),
            SerialSocket = Path.Combine(dir, "serial.sock"),
            PidFile = Path.Combine(dir, "qemu.pid"),
            RootDisk = new QemuDisk("root", overlay, "qcow2"),
            Disks = [new QemuDisk("cidata", seedCopy, "raw", ReadOnly: true)],
        };
        var clock = Stopwatch.StartNew();
        var info = new ProcessStartInfo("/usr/bin/qemu-system-x86_64") { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var arg in QemuCommandLine.Build(spec))
        {
            info.ArgumentList.Add(arg);
        }

        // A NIC like the pod's, on a hub with nothing else on it: the guest configures it; no frame leaves QEMU.
        foreach (var arg in (string[])["-netdev", "hubport,id=net0,hubid=0", "-device", $"virtio-net-pci,netdev=net0,id=nic0,mac={macAddress}"])
        {
            info.ArgumentList.Add(arg);
        }

        using var qemu = Process.Start(info)!;
        try
        {
            await using var qmp = await ConnectAsync(qemu, spec.QmpSocket, cancellationToken).ConfigureAwait(false);
            using var serial = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            await serial.ConnectAsync(new UnixDomainSocketEndPoint(spec.SerialSocket), cancellationToken).ConfigureAwait(false);
            await qmp.ContAsync(cancellationToken).ConfigureAwait(false);
            var boot = new BootSignal();
            var buffer = new byte[4096];
            while (!boot.Booted)
            {
                var read = await serial.ReceiveAsync(buffer, SocketFlags.None, cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    throw new InvalidOperationException("QEMU closed the console before the guest booted");
                }

                boot.Observe(buffer.AsSpan(0, read));
            }

            return clock.Elapsed.TotalMilliseconds;
        }
        finally
        {
            qemu.Kill();
            await qemu.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
            Directory.Delete(dir, recursive: true);
        }
    }

    private static async Task<QmpClient> ConnectAsync(Process qemu, string socket, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(TimeSpan.FromSeconds(30));
        while (true)
        {
            if (qemu.HasExited)
            {
                throw new InvalidOperationException($"QEMU exited with {qemu.ExitCode}: {await qemu.StandardError.ReadToEndAsync(cancellationToken).ConfigureAwait(false)}");
            }

            if (File.Exists(socket))
            {
                try
                {
                    return await QmpClient.ConnectAsync(socket, null, null, deadline.Token).ConfigureAwait(false);
                }
                catch (QmpConnectionException)
                {
                }
            }

            await Task.Delay(10, deadline.Token).ConfigureAwait(false);
        }
    }
}
