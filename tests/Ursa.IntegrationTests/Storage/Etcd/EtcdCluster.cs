using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Ursa.Storage.Etcd;

namespace Ursa.IntegrationTests.Storage.Etcd;

/// <summary>
/// A real etcd (Debian's /usr/bin/etcd, 3.4) owned by one test: one or three members on 127.0.0.1 with free
/// ports and a data directory of their own (on /dev/shm when it exists, so fsync costs nothing). Each member
/// is stopped by its own PID and the directory deleted on dispose.
/// </summary>
public sealed partial class EtcdCluster : IAsyncDisposable
{
    private const string EtcdBinary = "/usr/bin/etcd";

    // Raft timing for loopback on 2 busy cores: 1 member campaigns after one election timeout, so 100 ms keeps
    // start-up near 0.3 s; 3 members get 50/750 ms, since a starved heartbeat would cause needless elections.
    private static readonly (int HeartbeatMs, int ElectionMs) SingleTiming = (10, 100);
    private static readonly (int HeartbeatMs, int ElectionMs) ClusterTiming = (50, 750);
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);

    private readonly string _directory;
    private readonly Member[] _members;
    private readonly string _initialCluster;
    private readonly (int HeartbeatMs, int ElectionMs) _timing;

    private EtcdCluster(string directory, Member[] members)
    {
        _directory = directory;
        _members = members;
        _initialCluster = string.Join(",", members.Select(m => $"{m.Name}=http://127.0.0.1:{m.PeerPort}"));
        _timing = members.Length == 1 ? SingleTiming : ClusterTiming;
    }

    /// <summary>The members' client URLs, in member order.</summary>
    public IReadOnlyList<Uri> ClientEndpoints => _members.Select(m => m.ClientUrl).ToList();

    /// <summary>Number of members.</summary>
    public int Size => _members.Length;

    /// <summary>Starts a new cluster of <paramref name="size"/> members and waits until every member is healthy.</summary>
    public static async Task<EtcdCluster> StartAsync(int size = 1)
    {
        if (!File.Exists(EtcdBinary))
        {
            throw new InvalidOperationException($"{EtcdBinary} is missing: run scripts/setup.sh --tests (installs Debian's etcd-server)");
        }

        string root = Directory.Exists("/dev/shm") ? "/dev/shm" : Path.GetTempPath();
        string directory = Path.Combine(root, $"ursa-etcd-{Guid.NewGuid():N}");
        Directory.CreateDirectory(directory);
        int[] ports = FreePorts(size * 2);
        var members = Enumerable.Range(0, size)
            .Select(i => new Member($"m{i}", Path.Combine(directory, $"m{i}"), ports[2 * i], ports[2 * i + 1]))
            .ToArray();
        var cluster = new EtcdCluster(directory, members);
        try
        {
            foreach (Member member in members)
            {
                cluster.Launch(member, initial: true);
            }

            await Task.WhenAll(members.Select(cluster.WaitHealthyAsync));
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    /// <summary>Store options for this cluster, tuned for tests (progress every 200 ms, 1 s dial timeout).</summary>
    public EtcdStoreOptions StoreOptions() => new()
    {
        Endpoints = [.. ClientEndpoints],
        DialTimeout = TimeSpan.FromSeconds(1),
        WatchProgressInterval = TimeSpan.FromMilliseconds(200),
    };

    /// <summary>SIGKILLs member <paramref name="index"/> (no shutdown, like a crash) and waits for it to exit.</summary>
    public async Task KillAsync(int index)
    {
        Member member = _members[index];
        if (member.Process is { } process)
        {
            process.Kill();
            await process.WaitForExitAsync();
            process.Dispose();
            member.Process = null;
        }
    }

    /// <summary>Starts member <paramref name="index"/> again on its data directory and ports, and waits until it is healthy.</summary>
    public async Task RestartAsync(int index)
    {
        Member member = _members[index];
        Launch(member, initial: false);
        await WaitHealthyAsync(member);
    }

    /// <summary>The last lines etcd member <paramref name="index"/> wrote (for failure messages).</summary>
    public string LogTail(int index) => string.Join("\n", _members[index].Log.TakeLast(20));

    public async ValueTask DisposeAsync()
    {
        for (int i = 0; i < _members.Length; i++)
        {
            await KillAsync(i);
        }

        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A member's files still held open would only leak a temp directory; not worth failing a test for.
        }
    }

    private void Launch(Member member, bool initial)
    {
        var start = new ProcessStartInfo(EtcdBinary)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        string peer = $"http://127.0.0.1:{member.PeerPort}";
        foreach (string argument in new[]
        {
            "--name", member.Name,
            "--data-dir", member.DataDirectory,
            "--listen-client-urls", member.ClientUrl.ToString().TrimEnd('/'),
            "--advertise-client-urls", member.ClientUrl.ToString().TrimEnd('/'),
            "--listen-peer-urls", peer,
            "--initial-advertise-peer-urls", peer,
            "--initial-cluster", _initialCluster,
            "--initial-cluster-state", initial ? "new" : "existing",
            "--initial-cluster-token", Path.GetFileName(_directory),
            "--heartbeat-interval", _timing.HeartbeatMs.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--election-timeout", _timing.ElectionMs.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--logger", "zap",
            "--log-level", Environment.GetEnvironmentVariable("URSA_TEST_ETCD_LOG_LEVEL") ?? "warn",
        })
        {
            start.ArgumentList.Add(argument);
        }

        // etcd reads every ETCD_* variable as a flag and refuses to start when one repeats a command-line flag.
        foreach (string name in start.Environment.Keys.Where(k => k.StartsWith("ETCD_", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(name);
        }

        var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, line) => member.Append(line.Data);
        process.ErrorDataReceived += (_, line) => member.Append(line.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        member.Process = process;
    }

    private async Task WaitHealthyAsync(Member member)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < StartTimeout)
        {
            if (member.Process is { HasExited: true } exited)
            {
                throw new InvalidOperationException($"etcd {member.Name} exited with {exited.ExitCode} while starting:\n{string.Join("\n", member.Log.TakeLast(20))}");
            }

            try
            {
                string health = await http.GetStringAsync(new Uri(member.ClientUrl, "/health"));
                if (health.Contains("\"health\":\"true\"", StringComparison.Ordinal))
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException)
            {
                // Listening but not answering yet (no leader).
            }

            await Task.Delay(25);
        }

        throw new TimeoutException($"etcd {member.Name} was not healthy within {StartTimeout.TotalSeconds:F0} s:\n{string.Join("\n", member.Log.TakeLast(20))}");
    }

    private static int[] FreePorts(int count)
    {
        // Hold every listener until all ports are picked, so the same port is not handed out twice.
        var listeners = Enumerable.Range(0, count).Select(_ => new TcpListener(IPAddress.Loopback, 0)).ToList();
        try
        {
            listeners.ForEach(l => l.Start());
            return listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port).ToArray();
        }
        finally
        {
            listeners.ForEach(l => l.Stop());
        }
    }

    private sealed class Member(string name, string dataDirectory, int clientPort, int peerPort)
    {
        public string Name { get; } = name;

        public string DataDirectory { get; } = dataDirectory;

        public int PeerPort { get; } = peerPort;

        public Uri ClientUrl { get; } = new($"http://127.0.0.1:{clientPort}");

        public ConcurrentQueue<string> Log { get; } = new();

        public Process? Process { get; set; }

        public void Append(string? line)
        {
            if (line is null)
            {
                return;
            }

            Log.Enqueue(line);
            while (Log.Count > 200)
            {
                Log.TryDequeue(out _);
            }
        }
    }
}
