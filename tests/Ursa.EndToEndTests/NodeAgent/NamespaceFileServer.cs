using System.Net;
using System.Net.Sockets;
using System.Text;
using Ursa.Runtimes.Containerd;

namespace Ursa.EndToEndTests.NodeAgent;

/// <summary>
/// Serves one file over plain HTTP/1.1 on 127.0.0.1 inside a network namespace: a VM image URL for the fixture's
/// VM runtime, which dials every image download from inside the cluster's namespace (where the local registry
/// lives), so a listener on the host's loopback would be out of its reach.
/// </summary>
/// <remarks>GET of the file's name only (200 with Content-Length, then close); anything else 404. Enough for
/// the runtime's <c>HttpDiskSource</c>, which sends no range requests.</remarks>
public sealed class NamespaceFileServer : IAsyncDisposable
{
    private readonly Socket _listener;
    private readonly string _file;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;
    private int _served;

    private NamespaceFileServer(Socket listener, string file)
    {
        _listener = listener;
        _file = file;
        _accepting = AcceptAsync();
    }

    /// <summary>The file's URL as seen from inside the namespace.</summary>
    public Uri Url => new($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndPoint!).Port}/{Uri.EscapeDataString(Path.GetFileName(_file))}");

    /// <summary>Complete downloads of the file so far.</summary>
    public int Served => Volatile.Read(ref _served);

    /// <summary>Listens on an ephemeral port of the namespace's loopback (the socket is created inside it).</summary>
    public static async Task<NamespaceFileServer> StartAsync(string networkNamespace, string file)
    {
        Socket listener = await NetworkNamespaceDialer.ForName(networkNamespace).CreateSocketAsync(AddressFamily.InterNetwork);
        try
        {
            listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            listener.Listen(8);
            return new NamespaceFileServer(listener, file);
        }
        catch
        {
            listener.Dispose();
            throw;
        }
    }

    private async Task AcceptAsync()
    {
        var clients = new List<Task>();
        try
        {
            while (true)
            {
                Socket client = await _listener.AcceptAsync(_stop.Token);
                clients.Add(ServeAsync(client, _stop.Token));
            }
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // Stopped.
        }

        await Task.WhenAll(clients);
    }

    private async Task ServeAsync(Socket client, CancellationToken cancellationToken)
    {
        try
        {
            await using var stream = new NetworkStream(client, ownsSocket: true);
            string? target = await ReadRequestTargetAsync(stream, cancellationToken);
            if (target != "/" + Uri.EscapeDataString(Path.GetFileName(_file)))
            {
                await stream.WriteAsync(Encoding.ASCII.GetBytes("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"), cancellationToken);
                return;
            }

            await using var body = File.OpenRead(_file);
            string head = $"HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\nContent-Length: {body.Length}\r\nConnection: close\r\n\r\n";
            await stream.WriteAsync(Encoding.ASCII.GetBytes(head), cancellationToken);
            await body.CopyToAsync(stream, cancellationToken);
            Interlocked.Increment(ref _served);
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException)
        {
            // The client went away or the server stops; the test sees it through the runtime's pull error.
        }
    }

    /// <summary>The target of a GET request line, once the whole header block is in (null: not a GET).</summary>
    private static async Task<string?> ReadRequestTargetAsync(Stream stream, CancellationToken cancellationToken)
    {
        var head = new StringBuilder();
        var buffer = new byte[4096];
        while (!head.ToString().Contains("\r\n\r\n", StringComparison.Ordinal))
        {
            int read = await stream.ReadAsync(buffer, cancellationToken);
            if (read == 0 || head.Length > 65536)
            {
                return null;
            }

            head.Append(Encoding.ASCII.GetString(buffer, 0, read));
        }

        string[] requestLine = head.ToString()[..head.ToString().IndexOf("\r\n", StringComparison.Ordinal)].Split(' ');
        return requestLine is ["GET", var target, _] ? target : null;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Dispose();
        await _accepting;
        _stop.Dispose();
    }
}
