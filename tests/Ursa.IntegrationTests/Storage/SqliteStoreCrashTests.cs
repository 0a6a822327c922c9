using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using Ursa.Storage.Sqlite;

namespace Ursa.IntegrationTests.Storage;

/// <summary>
/// kill -9 durability: a child process (Ursa.Storage.CrashProbe) creates keys from 32 concurrent writers and
/// prints each acknowledged one; the test kills it with SIGKILL mid-run, twice on the same database, then
/// reopens the database and checks that every acknowledged write is there with its revision.
/// </summary>
public sealed class SqliteStoreCrashTests : IDisposable
{
    private const int Writers = 32;
    private const int AcksBeforeKill = 3000;
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(90);
    private readonly SqliteTestDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task Kill9_DuringConcurrentCreates_LosesNoAcknowledgedWrite()
    {
        var acked = new Dictionary<string, long>();
        foreach (string round in new[] { "/crash/a/", "/crash/b/" })
        {
            foreach ((string key, long revision) in await RunProbeUntilKilledAsync(round))
            {
                acked.Add(key, revision);
            }
        }

        await using SqliteStore store = await SqliteStore.OpenAsync(
            _directory.DatabasePath, new SqliteStoreOptions(), TimeProvider.System, CancellationToken.None);
        var missing = new List<string>();
        foreach ((string key, long revision) in acked)
        {
            StoreEntry? entry = await store.GetAsync(key, CancellationToken.None);
            if (entry is null || entry.ModRevision != revision || entry.Value.Length != 1024)
            {
                missing.Add($"{key}@{revision} -> {(entry is null ? "missing" : $"@{entry.ModRevision}, {entry.Value.Length} bytes")}");
            }
        }

        Assert.True(missing.Count == 0, $"{missing.Count} of {acked.Count} acknowledged writes lost or wrong after kill -9: {string.Join(", ", missing.Take(10))}");
        Assert.True(await store.GetCurrentRevisionAsync(CancellationToken.None) >= acked.Values.Max(), "the current revision went back below an acknowledged one");
        StoreEntry after = await store.CreateAsync("/crash/after", Encoding.UTF8.GetBytes("v"), CancellationToken.None);
        Assert.True(after.ModRevision > acked.Values.Max(), $"revision {after.ModRevision} reused after the crash");
    }

    private async Task<List<(string Key, long Revision)>> RunProbeUntilKilledAsync(string prefix)
    {
        string probe = Path.Combine(AppContext.BaseDirectory, "Ursa.Storage.CrashProbe.dll");
        Assert.True(File.Exists(probe), $"{probe} is missing: the test project must reference tests/Ursa.Storage.CrashProbe");
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in new[] { probe, _directory.DatabasePath, prefix, Writers.ToString(CultureInfo.InvariantCulture) })
        {
            start.ArgumentList.Add(argument);
        }

        using var deadline = new CancellationTokenSource(Deadline);
        using Process process = Process.Start(start) ?? throw new InvalidOperationException("the crash probe did not start");
        var stderr = new StringBuilder();
        process.ErrorDataReceived += (_, e) =>
        {
            lock (stderr)
            {
                stderr.AppendLine(e.Data);
            }
        };
        process.BeginErrorReadLine();
        var acks = new ConcurrentQueue<(string, long)>();
        var enoughAcks = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Task reading = ReadAcksAsync(process.StandardOutput, acks, enoughAcks, deadline.Token);
        try
        {
            Task first = await Task.WhenAny(enoughAcks.Task, reading, Task.Delay(Deadline, deadline.Token));
            Assert.True(first == enoughAcks.Task,
                $"waiting for {AcksBeforeKill} acknowledged writes from the probe ({prefix}): got {acks.Count}; exited={process.HasExited}; stderr: {stderr}");
            Assert.False(process.HasExited, "the probe exited by itself before the kill");

            process.Kill(entireProcessTree: false); // SIGKILL on Linux: no managed code runs after this
            await process.WaitForExitAsync(deadline.Token);
            await reading; // the rest of what the probe printed before it died
            Assert.Equal(137, process.ExitCode); // 128 + SIGKILL
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: false);
                await process.WaitForExitAsync(CancellationToken.None);
            }
        }

        return [.. acks];
    }

    private static async Task ReadAcksAsync(
        StreamReader output, ConcurrentQueue<(string, long)> acks, TaskCompletionSource enough, CancellationToken cancellationToken)
    {
        while (await output.ReadLineAsync(cancellationToken) is { } line)
        {
            // "ack <key> <revision> ." - the final "." proves the line was not cut short by the kill.
            string[] parts = line.Split(' ');
            if (parts is ["ack", var key, var revision, "."])
            {
                acks.Enqueue((key, long.Parse(revision, CultureInfo.InvariantCulture)));
                if (acks.Count >= AcksBeforeKill)
                {
                    enough.TrySetResult();
                }
            }
        }
    }
}
