using System.Diagnostics;

namespace Ursa.Runtimes.Qemu.Launch;

/// <summary>
/// Decides at start-up whether VMs can use KVM: /dev/kvm must open read-write and a real guest must run on it.
/// Some hosts expose /dev/kvm where guests hang or die (nested virtualization without MSR support), so the probe
/// boots a tiny real-mode program that writes a marker to the serial port and powers off; KVM counts as working
/// only when the marker arrives within a few seconds.
/// </summary>
public static class KvmProbe
{
    // A boot sector (16-bit real mode at 0x7c00): touch two MSRs, print "KVMOK" on COM1, halt.
    private static readonly byte[] BootSector = BuildBootSector();

    /// <summary>True when KVM runs a guest on this host.</summary>
    public static async Task<bool> WorksAsync(string qemuBinary, TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (!File.Exists("/dev/kvm") || !File.Exists(qemuBinary))
        {
            return false;
        }

        try
        {
            using var kvm = File.Open("/dev/kvm", FileMode.Open, FileAccess.ReadWrite);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }

        var image = Path.Combine(Path.GetTempPath(), $"ursa-kvm-probe-{Environment.ProcessId}.img");
        await File.WriteAllBytesAsync(image, BootSector, cancellationToken).ConfigureAwait(false);
        var start = new ProcessStartInfo(qemuBinary)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { "-accel", "kvm", "-machine", "pc", "-cpu", "host", "-m", "32", "-nodefaults", "-no-user-config", "-display", "none", "-serial", "stdio", "-drive", $"file={image},format=raw,if=ide" })
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        try
        {
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            deadline.CancelAfter(timeout);
            var buffer = new char[64];
            var seen = string.Empty;
            while (!seen.Contains("KVMOK", StringComparison.Ordinal))
            {
                var read = await process.StandardOutput.ReadAsync(buffer, deadline.Token).ConfigureAwait(false);
                if (read == 0)
                {
                    return false;
                }

                seen += new string(buffer, 0, read);
            }

            return true;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return false;
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill();
            }

            await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
            File.Delete(image);
        }
    }

    private static byte[] BuildBootSector()
    {
        var sector = new byte[512];
        byte[] code =
        [
            0x31, 0xC0, 0x8E, 0xD8, 0xFC,             // xor ax,ax; mov ds,ax; cld
            0x66, 0xB9, 0x80, 0x00, 0x00, 0xC0,       // mov ecx, 0xC0000080 (EFER)
            0x0F, 0x32, 0x0F, 0x30,                   // rdmsr; wrmsr (write it back: what every kernel does early)
            0x66, 0xB9, 0x1B, 0x00, 0x00, 0x00,       // mov ecx, 0x1B (APIC base)
            0x0F, 0x32, 0x0F, 0x30,                   // rdmsr; wrmsr
            0xBE, 0x2D, 0x7C,                         // mov si, 0x7c2d (the message below)
            0xBA, 0xF8, 0x03,                         // mov dx, 0x3f8 (COM1)
            0xAC, 0x84, 0xC0, 0x74, 0x03,             // next: lodsb; test al,al; jz halt
            0xEE, 0xEB, 0xF8,                         // out dx,al; jmp next
            0xFA, 0xF4, 0xEB, 0xFC,                   // halt: cli; hlt; jmp halt
        ];
        code.CopyTo(sector, 0);
        "KVMOK\n\0"u8.CopyTo(sector.AsSpan(0x2D));
        sector[510] = 0x55;
        sector[511] = 0xAA;
        return sector;
    }
}
