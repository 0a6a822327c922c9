using System.Diagnostics;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using Ursa.IntegrationTests.Infrastructure;

namespace Ursa.IntegrationTests.Guests;

/// <summary>
/// One QEMU (TCG, q35) booting a guest disk for the guest-image tests: serial console on a unix socket with its
/// whole output kept in a log file, QMP on another socket. Disposing kills QEMU by its PID if it still runs.
/// </summary>
public sealed class GuestQemu : IAsyncDisposable
{
    private const string Qemu = "/usr/bin/qemu-system-x86_64";
    private readonly Process _process;
    private readonly string _directory;
    private Socket? _serial;
    private Task _drain = Task.CompletedTask;

    private GuestQemu(Process process, string directory)
    {
        _process = process;
        _directory = directory;
    }

    /// <summary>Everything the guest wrote to its serial console so far.</summary>
    public string Console => File.Exists(ConsoleLog) ? File.ReadAllText(ConsoleLog) : "";

    /// <summary>QEMU's PID.</summary>
    public int ProcessId => _process.Id;

    /// <summary>Whether QEMU has exited, and its status then.</summary>
    public int? ExitCode => _process.HasExited ? _process.ExitCode : null;

    private string ConsoleLog => Path.Combine(_directory, "console.log");

    private string SerialSocket => Path.Combine(_directory, "serial.sock");

    private string QmpSocket => Path.Combine(_directory, "qmp.sock");

    /// <summary>Starts QEMU on a qcow2 overlay of <paramref name="baseImage"/> in <paramref name="directory"/>,
    /// with <paramref name="seedIso"/> (if any) as a read-only virtio-blk disk and one virtio NIC with
    /// <paramref name="mac"/> on a hub with nothing else on it (the guest's traffic goes nowhere).</summary>
    public static async Task<GuestQemu> StartAsync(string baseImage, string directory, string? seedIso, string mac)
    {
        Assert.True(File.Exists(Qemu), $"{Qemu} is missing: run scripts/setup.sh --tests (package qemu-system-x86)");
        string overlay = Path.Combine(directory, "overlay.qcow2");
        var created = await ProcessRunner.RunAsync("qemu-img", ["create", "-q", "-f", "qcow2", "-F", "qcow2", "-b", baseImage, overlay]);
        Assert.True(created.ExitCode == 0, created.Stderr);
        var info = new ProcessStartInfo(Qemu) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        string[] args =
        [
            "-accel", "tcg", "-M", "q35", "-m", "256", "-smp", "1", "-nodefaults", "-no-user-config", "-display", "none",
            "-chardev", $"socket,id=serial0,path={directory}/serial.sock,server=on,wait=off,logfile={directory}/console.log",
            "-serial", "chardev:serial0",
            "-qmp", $"unix:{directory}/qmp.sock,server=on,wait=off",
            "-blockdev", $"driver=qcow2,node-name=root,file.driver=file,file.filename={overlay}",
            "-device", "virtio-blk-pci,drive=root",
            "-netdev", "hubport,id=net0,hubid=0", "-device", $"virtio-net-pci,netdev=net0,mac={mac}",
        ];
        foreach (string arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        if (seedIso is not null)
        {
            info.ArgumentList.Add("-blockdev");
            info.ArgumentList.Add($"driver=raw,node-name=seed,read-only=on,file.driver=file,file.filename={seedIso}");
            info.ArgumentList.Add("-device");
            info.ArgumentList.Add("virtio-blk-pci,drive=seed");
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException("cannot start " + Qemu);
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new GuestQemu(process, directory);
    }

    /// <summary>Waits until the console output satisfies <paramref name="done"/>; fails naming <paramref name="awaited"/>.</summary>
    public async Task<string> WaitForConsoleAsync(Func<string, bool> done, TimeSpan deadline, string awaited)
    {
        string text = await Eventually.UntilAsync(
            () => Task.FromResult(Console),
            text => done(text) || _process.HasExited,
            deadline,
            text => $"{awaited} on the serial console; console so far:\n{text}");
        if (!done(text))
        {
            Assert.Fail($"QEMU exited ({_process.ExitCode}) before {awaited}; console:\n{text}");
        }

        return text;
    }

    /// <summary>Types <paramref name="line"/> and a newline on the serial console.</summary>
    public async Task TypeAsync(string line)
    {
        if (_serial is null)
        {
            _serial = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            await _serial.ConnectAsync(new UnixDomainSocketEndPoint(SerialSocket));
            // A connected client must keep reading: the UART sends byte by byte, each byte costs a socket buffer
            // entry, and a few hundred unread bytes stall the guest's console (the log file has it all anyway).
            _drain = DrainAsync(_serial);
        }

        _ = await _serial.SendAsync(Encoding.ASCII.GetBytes(line + "\n"));
    }

    /// <summary>Runs one QMP command (after the capabilities handshake) and returns its reply.</summary>
    public async Task<JsonNode> QmpAsync(string command)
    {
        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        await socket.ConnectAsync(new UnixDomainSocketEndPoint(QmpSocket));
        await using var stream = new NetworkStream(socket, ownsSocket: false);
        using var reader = new StreamReader(stream);
        await using var writer = new StreamWriter(stream) { AutoFlush = true, NewLine = "\n" };
        _ = await reader.ReadLineAsync(); // greeting
        await writer.WriteLineAsync(new JsonObject { ["execute"] = "qmp_capabilities" }.ToJsonString());
        _ = await ReadReplyAsync(reader);
        await writer.WriteLineAsync(new JsonObject { ["execute"] = command }.ToJsonString());
        return await ReadReplyAsync(reader);
    }

    /// <summary>Waits up to <paramref name="deadline"/> for QEMU to exit on its own.</summary>
    public async Task<bool> WaitForExitAsync(TimeSpan deadline)
    {
        using var timeout = new CancellationTokenSource(deadline);
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        _serial?.Dispose();
        await _drain;
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private static async Task DrainAsync(Socket socket)
    {
        byte[] buffer = new byte[4096];
        try
        {
            while (await socket.ReceiveAsync(buffer) > 0)
            {
            }
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            // Disposed by DisposeAsync, or QEMU exited.
        }
    }

    // QMP interleaves asynchronous events ({"event": ...}) with replies; skip them.
    private static async Task<JsonNode> ReadReplyAsync(StreamReader reader)
    {
        while (true)
        {
            string line = await reader.ReadLineAsync() ?? throw new IOException("QMP closed the connection");
            JsonNode node = JsonNode.Parse(line)!;
            if (node["return"] is not null || node["error"] is not null)
            {
                return node;
            }
        }
    }
}
