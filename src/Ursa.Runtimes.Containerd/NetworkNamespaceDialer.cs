using System.ComponentModel;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace Ursa.Runtimes.Containerd;

/// <summary>
/// Opens TCP connections from inside a named network namespace while the process stays in its own: needed to
/// reach what listens on another namespace's loopback, e.g. containerd's CRI streaming server
/// (<c>http://127.0.0.1:PORT/exec/TOKEN</c> from CRI Exec), which listens on the loopback of <c>ursa0</c>.
/// </summary>
/// <remarks>
/// <code>
///   dedicated thread: setns(target, CLONE_NEWNET) -> socket() -> setns(original) -> thread ends
///   caller:           connect(endpoint)   (a socket stays in the namespace it was created in)
/// </code>
/// The namespace is per thread, so only the short-lived thread ever changes namespace; no thread-pool thread
/// does. About 1 ms per connection here (thread start, two setns, connect; 50 in a row on 2 busy cores).
/// Needs CAP_SYS_ADMIN (root).
/// Safe for concurrent calls.
/// </remarks>
public sealed partial class NetworkNamespaceDialer
{
    private const int CloneNewNet = 0x40000000;
    private const int OpenReadOnlyCloseOnExec = 0x80000; // O_RDONLY | O_CLOEXEC

    /// <summary>Dials from the namespace whose bind mount (or <c>/proc/PID/ns/net</c>) is <paramref name="namespacePath"/>.</summary>
    public NetworkNamespaceDialer(string namespacePath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(namespacePath);
        NamespacePath = namespacePath;
    }

    /// <summary>The namespace's path, e.g. <c>/var/run/netns/ursa0</c>.</summary>
    public string NamespacePath { get; }

    /// <summary>A dialer for the namespace <c>ip netns</c> knows as <paramref name="name"/> (<c>/var/run/netns/NAME</c>).</summary>
    public static NetworkNamespaceDialer ForName(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (name.Contains('/', StringComparison.Ordinal))
        {
            throw new ArgumentException($"'{name}' is a namespace name, not a path", nameof(name));
        }

        return new NetworkNamespaceDialer(Path.Combine("/var/run/netns", name));
    }

    /// <summary>Connects to <paramref name="endpoint"/> as seen from inside the namespace.</summary>
    /// <returns>A stream that owns the socket.</returns>
    /// <exception cref="Win32Exception">The namespace cannot be opened or entered (missing, or not root).</exception>
    /// <exception cref="SocketException">The connection failed (e.g. refused: nothing listens there).</exception>
    public async Task<Stream> ConnectAsync(IPEndPoint endpoint, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        Socket socket = await CreateSocketAsync(endpoint.AddressFamily).ConfigureAwait(false);
        try
        {
            socket.NoDelay = true;
            await socket.ConnectAsync(endpoint, cancellationToken).ConfigureAwait(false);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>
    /// For <see cref="SocketsHttpHandler.ConnectCallback"/>: an <see cref="HttpClient"/> whose connections open
    /// inside the namespace. The host must be an IP address (the streaming server's URL has one).
    /// </summary>
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        DnsEndPoint target = context.DnsEndPoint;
        if (!IPAddress.TryParse(target.Host.Trim('[', ']'), out IPAddress? address))
        {
            throw new HttpRequestException(HttpRequestError.NameResolutionError,
                $"'{target.Host}': only IP addresses can be dialled inside network namespace {NamespacePath}");
        }

        return await ConnectAsync(new IPEndPoint(address, target.Port), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A TCP socket, not yet connected, that belongs to the namespace.</summary>
    public Task<Socket> CreateSocketAsync(AddressFamily family)
    {
        var created = new TaskCompletionSource<Socket>(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() =>
        {
            try
            {
                created.SetResult(CreateSocketInNamespace(family));
            }
            catch (Exception error)
            {
                created.SetException(error);
            }
        })
        {
            IsBackground = true,
            Name = "netns-dial",
        };
        thread.Start();
        return created.Task;
    }

    private Socket CreateSocketInNamespace(AddressFamily family)
    {
        // This thread's own namespace (not /proc/self: that is the main thread's, which a caller could have moved).
        int original = OpenOrThrow("/proc/thread-self/ns/net");
        try
        {
            int target = OpenOrThrow(NamespacePath);
            try
            {
                if (SetNs(target, CloneNewNet) != 0)
                {
                    throw new Win32Exception(Marshal.GetLastPInvokeError(), $"setns into {NamespacePath} failed");
                }
            }
            finally
            {
                _ = Close(target);
            }

            Socket? socket = null;
            try
            {
                socket = new Socket(family, SocketType.Stream, ProtocolType.Tcp);
            }
            finally
            {
                if (SetNs(original, CloneNewNet) != 0)
                {
                    // The thread ends right after this, so a thread stuck in the wrong namespace runs nothing else.
                    socket?.Dispose();
                    throw new Win32Exception(Marshal.GetLastPInvokeError(), $"setns back from {NamespacePath} failed");
                }
            }

            return socket;
        }
        finally
        {
            _ = Close(original);
        }
    }

    private static int OpenOrThrow(string path)
    {
        int fd = Open(path, OpenReadOnlyCloseOnExec);
        return fd >= 0 ? fd : throw new Win32Exception(Marshal.GetLastPInvokeError(), $"cannot open network namespace {path}");
    }

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    private static partial int Close(int fd);

    [LibraryImport("libc", EntryPoint = "setns", SetLastError = true)]
    private static partial int SetNs(int fd, int nstype);
}
